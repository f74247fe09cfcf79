/**
 * Dictionaries: {@code Names} (event types, entity and logger names → ids), {@code Shapes} (the context shapes: a
 * context with each digit run replaced by {@code 0}; {@code DigitRuns} turns a context into shape + packed digits and
 * back; {@code ShapeMatch} says how a search term meets each shape) and {@code Kinds} (a row's whole tuple of
 * categorical columns → one kind id). {@code Dictionaries} stages, writes, commits and rolls back the four together
 * and gives readers one {@code View} of them.
 *
 * <p>Each dictionary follows one discipline: the writer stages new entries inside its transaction and commits or
 * rolls them back; readers see committed arrays and never read past the count their snapshot was given.
 */
package io.happysim.visual.store.internal.dictionary;
