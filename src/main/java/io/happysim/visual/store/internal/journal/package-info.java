/**
 * The block journal (one for events, one for logs): rows packed in blocks, each block one row of
 * {@code <prefix>_blocks} (summary, palette, packed kinds and times), {@code <prefix>_text} (the texts) and
 * {@code <prefix>_grams} (an n-gram bloom filter); every 64 sealed blocks one row of {@code <prefix>_segments} (their
 * summaries, per-kind counts and palettes), which a reopen reads instead of the block rows.
 *
 * <ul>
 *   <li>Writing: {@code Journal} (the writer's state: sealed blocks, the open {@code Tail}, segments),
 *       {@code AppendStage} (one append, applied to memory on commit), {@code BlockWriter} (a block's three rows),
 *       {@code ShapedTextWriter} (event contexts as shapes + digits), {@code Grams} (the n-gram filter).</li>
 *   <li>Summaries: {@code BlockSummary} (and its {@code Palette}), {@code SealedBlocks} (the sealed blocks' summaries
 *       as primitives), {@code Segment}, {@code SegmentRows} (their stored rows), {@code SegmentPalettes},
 *       {@code JournalView} (what readers see at one commit), {@code JournalFormat} (prefix, block size, text fields,
 *       the SQL).</li>
 *   <li>Reading: {@code BlockDecoder}, {@code DecodedBlock}, {@code Texts} ({@code PlainTexts},
 *       {@code ShapedTexts}), {@code BlockReads} (one query's decoded blocks, through the block cache).</li>
 * </ul>
 */
package io.happysim.visual.store.internal.journal;
