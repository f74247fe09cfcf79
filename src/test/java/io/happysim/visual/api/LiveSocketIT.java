package io.happysim.visual.api;

import static io.happysim.visual.it.Api.getObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.visual.it.Api;
import io.happysim.visual.it.Deployments;
import io.happysim.visual.it.WsClient;
import jakarta.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every WebSocket action, updates to every client, and the live-tail rule. */
@ExtendWith(ArquillianExtension.class)
class LiveSocketIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @BeforeEach
    void freshBurstyMm1() throws Exception {
        Api.postObject("api/scenarios/bursty-mm1");
    }

    @Test
    void twoClientsBothSeeWhatOneOfThemDoes() throws Exception {
        try (WsClient a = WsClient.connect(); WsClient b = WsClient.connect()) {
            a.await("state_update", 10_000);
            b.await("state_update", 10_000);
            a.send("{\"action\":\"step\",\"count\":3}");
            JsonObject seenByA = a.awaitState(s -> s.getInt("events_processed") == 3, 10_000);
            JsonObject seenByB = b.awaitState(s -> s.getInt("events_processed") == 3, 10_000);
            assertEquals(3, seenByA.getJsonArray("new_events").size());
            assertEquals(3, seenByB.getJsonArray("new_events").size());
            assertTrue(seenByB.containsKey("edge_stats") && seenByB.containsKey("new_logs") && seenByB.containsKey("new_edges"));
        }
    }

    @Test
    void stepRunToRunToEventPauseAndReset() throws Exception {
        try (WsClient client = WsClient.connect()) {
            client.await("state_update", 10_000);
            client.send("{\"action\":\"step\"}");
            client.awaitState(s -> s.getInt("events_processed") == 1, 10_000);
            client.send("{\"action\":\"run_to\",\"time_s\":12}");
            JsonObject runTo = client.awaitState(s -> s.getJsonNumber("time_s").doubleValue() >= 12, 10_000);
            assertEquals("run_to_reached", runTo.getJsonObject("state").getJsonObject("pause_reason").getString("kind"));
            int at = runTo.getJsonObject("state").getInt("events_processed");
            client.send("{\"action\":\"run_to_event\",\"event_number\":" + (at + 25) + "}");
            client.awaitState(s -> s.getInt("events_processed") == at + 25, 10_000);
            client.send("{\"action\":\"run_to\",\"time_s\":1}");
            JsonObject refused = client.await("error", 10_000);
            assertTrue(refused.getString("message").contains("time_s"), refused.toString());

            client.send("{\"action\":\"play\",\"speed\":1}");
            client.awaitState(s -> s.getBoolean("is_playing"), 10_000);
            client.send("{\"action\":\"pause\"}");
            JsonObject paused = client.awaitState(s -> !s.getBoolean("is_playing") && s.getBoolean("is_paused"), 10_000);
            assertEquals("pause_requested", paused.getJsonObject("state").getJsonObject("pause_reason").getString("kind"));

            client.send("{\"action\":\"reset\"}");
            JsonObject reset = client.awaitState(s -> s.getInt("events_processed") == 0, 10_000);
            assertEquals(0.0, reset.getJsonObject("state").getJsonNumber("time_s").doubleValue());
            assertEquals(0, getObject("api/events?limit=1").getInt("total"));
        }
    }

    /**
     * The order a page relies on: states are numbered as published, and the answer to an action with an id comes after
     * a state that shows the action's effect — so an update still on its way cannot be taken for the answer.
     */
    @Test
    void anActionWithAnIdIsAnsweredAfterTheStateThatShowsItsEffect() throws Exception {
        try (WsClient client = WsClient.connect()) {
            client.await("state_update", 10_000);
            long previousAck = 0;
            for (int i = 1; i <= 10; i++) {   // ten times over: an answer overtaking its update is a race, not a certainty
                client.send("{\"action\":\"play\",\"speed\":1,\"id\":" + (2 * i) + "}");
                JsonObject played = client.await("ack", 10_000);
                assertEquals(2 * i, played.getInt("id"));
                long playSeq = played.getJsonNumber("seq").longValue();
                assertTrue(playSeq > previousAck, played.toString());
                JsonObject shown = lastStateBefore(client.received());
                assertTrue(shown.getJsonNumber("seq").longValue() >= playSeq && shown.getBoolean("is_playing"),
                        "the newest state before the ack shows the play: " + shown);

                client.send("{\"action\":\"pause\",\"id\":" + (2 * i + 1) + "}");
                JsonObject paused = client.await("ack", 10_000);
                assertEquals(2 * i + 1, paused.getInt("id"));
                previousAck = paused.getJsonNumber("seq").longValue();
                assertTrue(previousAck > playSeq, paused.toString());
                JsonObject after = lastStateBefore(client.received());
                assertTrue(after.getJsonNumber("seq").longValue() >= previousAck && !after.getBoolean("is_playing"),
                        "the newest state before the ack shows the pause: " + after);
            }

            client.send("{\"action\":\"run_to\",\"time_s\":0,\"id\":99}");
            JsonObject refused = client.await("error", 10_000);
            assertEquals(99, refused.getInt("id"), "an error answers the action it refuses: " + refused);
            client.send("{\"action\":\"step\",\"id\":\"x\"}");
            assertTrue(client.await("error", 10_000).getString("message").contains("id"));

            long previous = 0;
            for (JsonObject m : client.received()) {
                if ("state_update".equals(m.getString("type"))) {
                    long seq = m.getJsonObject("state").getJsonNumber("seq").longValue();
                    assertTrue(seq >= previous, "states arrive in the order published: " + seq + " after " + previous);
                    previous = seq;
                }
            }
        }
    }

    private static JsonObject lastStateBefore(List<JsonObject> received) {
        JsonObject state = null;
        for (JsonObject m : received.subList(0, received.size() - 1)) {
            if ("state_update".equals(m.getString("type"))) {
                state = m.getJsonObject("state");
            }
        }
        assertTrue(state != null, "a state came before the answer");
        return state;
    }

    @Test
    void playAtMaxSpeedFollowsTheLiveTailRuleAndCompletes() throws Exception {
        try (WsClient client = WsClient.connect()) {
            client.await("state_update", 10_000);
            long start = System.nanoTime();
            client.send("{\"action\":\"play\",\"speed\":0}");
            client.await("simulation_complete", 60_000);
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(300);
            client.drain();
            List<JsonObject> updates = client.received().stream().filter(m -> m.getString("type").equals("state_update")).toList();
            long delivered = 0;
            long dropped = 0;
            Set<Integer> ids = new HashSet<>();
            for (JsonObject update : updates) {
                assertTrue(update.getJsonArray("new_events").size() <= 500, "at most 500 events per update");
                assertTrue(update.getJsonArray("new_logs").size() <= 500);
                delivered += update.getJsonArray("new_events").size();
                dropped += update.getJsonNumber("dropped_events").longValue();
                update.getJsonArray("new_events").forEach(e -> assertTrue(ids.add(e.asJsonObject().getInt("event_id")), "no event twice"));
            }
            JsonObject end = getObject("api/state");
            assertTrue(end.getBoolean("is_complete"));
            assertEquals(end.getInt("events_processed"), delivered + dropped, "what an update leaves out is counted");
            assertTrue(updates.size() <= 25 * seconds + 5, updates.size() + " updates in " + seconds + " s: at most ~20 a second");
            JsonObject last = updates.get(updates.size() - 1).getJsonObject("state");
            assertTrue(last.getBoolean("is_complete"), "the last update shows the finished run");
            assertEquals(end.getInt("events_processed"), getObject("api/events?limit=1").getInt("total"), "all of it is stored");
        }
    }

    @Test
    void badMessagesGetErrorsAndTheSocketStaysOpen() throws Exception {
        try (WsClient client = WsClient.connect()) {
            client.await("state_update", 10_000);
            for (String bad : List.of("not json", "[1,2]", "{\"speed\":1}", "{\"action\":42}", "{\"action\":\"warp\"}",
                    "{\"action\":\"step\",\"count\":-1}", "{\"action\":\"step\",\"count\":1.5}", "{\"action\":\"step\",\"count\":\"ten\"}",
                    "{\"action\":\"play\",\"speed\":-3}", "{\"action\":\"run_to\"}", "{\"action\":\"run_to_event\",\"event_number\":0}",
                    "{\"action\":\"run_to\",\"time_s\":1e400}")) {
                client.send(bad);
                JsonObject error = client.await("error", 10_000);
                assertTrue(error.getString("message").length() > 5, bad + " -> " + error);
            }
            client.send("{\"action\":\"step\"}");
            client.awaitState(s -> s.getInt("events_processed") == 1, 10_000);
        }
    }
}
