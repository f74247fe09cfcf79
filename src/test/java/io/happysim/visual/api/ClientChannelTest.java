package io.happysim.visual.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ClientChannelTest {

    /** A client whose sends complete only when the test says so. */
    static final class ManualSender implements ClientChannel.AsyncSender {
        final List<String> sent = new ArrayList<>();
        final List<Consumer<Throwable>> pending = new ArrayList<>();

        @Override
        public void send(String text, Consumer<Throwable> done) {
            sent.add(text);
            pending.add(done);
        }

        void completeNext(Throwable failure) {
            pending.remove(0).accept(failure);
        }
    }

    @Test
    void updatesCoalesceWhileASendIsInFlightAndTheNewestGoesNext() {
        ManualSender client = new ManualSender();
        ClientChannel channel = new ClientChannel(client, () -> { });
        AtomicInteger built = new AtomicInteger();
        channel.offerUpdate(() -> "u1");
        channel.offerUpdate(() -> { built.incrementAndGet(); return "u2"; });
        channel.offerUpdate(() -> { built.incrementAndGet(); return "u3"; });
        assertEquals(List.of("u1"), client.sent, "one send at a time");
        assertEquals(0, built.get(), "superseded updates are never even built");
        client.completeNext(null);
        assertEquals(List.of("u1", "u3"), client.sent);
        assertEquals(1, built.get());
    }

    @Test
    void everyMessageKeepsItsPlaceAndOnlyAWaitingUpdateIsReplaced() {
        ManualSender client = new ManualSender();
        ClientChannel channel = new ClientChannel(client, () -> { });
        channel.offerUpdate(() -> "u1");
        channel.sendControl("error-1");
        channel.offerUpdate(() -> "u2");
        channel.sendControl("complete");
        channel.offerUpdate(() -> "u3");
        channel.offerUpdate(() -> "u4");
        for (int i = 0; i < 5; i++) {
            client.completeNext(null);
        }
        assertEquals(List.of("u1", "error-1", "u2", "complete", "u4"), client.sent);
    }

    @Test
    void aFailedSendClosesTheChannelAndReportsIt() {
        ManualSender client = new ManualSender();
        AtomicInteger failures = new AtomicInteger();
        ClientChannel channel = new ClientChannel(client, failures::incrementAndGet);
        channel.offerUpdate(() -> "u1");
        client.completeNext(new java.io.IOException("broken pipe"));
        assertTrue(channel.isClosed());
        assertEquals(1, failures.get());
        channel.offerUpdate(() -> "u2");
        assertEquals(List.of("u1"), client.sent);
    }

    @Test
    void aClientThatNeverReadsIsDroppedInsteadOfGrowingMemory() {
        ManualSender client = new ManualSender();
        AtomicInteger failures = new AtomicInteger();
        ClientChannel channel = new ClientChannel(client, failures::incrementAndGet);
        channel.sendControl("first");
        for (int i = 0; i <= ClientChannel.MAX_QUEUED; i++) {
            channel.sendControl("c" + i);
        }
        assertTrue(channel.isClosed());
        assertEquals(1, failures.get());
    }
}
