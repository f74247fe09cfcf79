package io.happysim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.happysim.core.Simulation;
import io.happysim.testing.History;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Declared parameters: validated in one place, and the same seed and values give the same history. */
class ParametersTest {
    private static final List<Parameter> DECLARED = List.of(
            Parameter.number("rate", "Arrival rate", 10.0, 0.1, 1000.0, "req/s", "arrivals"),
            Parameter.integer("servers", "Servers", 3, 1L, 64L, "", "how many"),
            Parameter.flag("retries", "Retries", true, "retry on timeout"),
            Parameter.choice("policy", "Queue", "fifo", List.of("fifo", "lifo"), "order"));

    private static InvalidParameterException rejected(Map<String, ?> given) {
        return assertThrows(InvalidParameterException.class, () -> ParameterValues.of(DECLARED, given));
    }

    @Test
    void defaultsFillWhatIsNotGivenAndChangedListsOnlyTheDifferences() {
        ParameterValues values = ParameterValues.of(DECLARED, Map.of("rate", 12, "policy", "lifo"));

        assertEquals(12.0, values.number("rate"));
        assertEquals(3, values.integer("servers"));
        assertTrue(values.flag("retries"));
        assertEquals("lifo", values.choice("policy"));
        assertEquals(Map.of("rate", 12.0, "policy", "lifo"), values.changed());
        assertEquals(List.of("rate", "servers", "retries", "policy"), List.copyOf(values.asMap().keySet()));
        assertEquals(Map.of(), ParameterValues.defaults(DECLARED).changed());
    }

    @Test
    void everyBadValueIsRefusedWithTheParameterNamed() {
        assertEquals("nope", rejected(Map.of("nope", 1)).parameter());
        assertTrue(rejected(Map.of("nope", 1)).getMessage().contains("known: rate, servers, retries, policy"));
        assertEquals("parameter 'rate': must be a number, got 'fast'", rejected(Map.of("rate", "fast")).getMessage());
        assertEquals("parameter 'rate': must be a finite number, got NaN", rejected(Map.of("rate", Double.NaN)).getMessage());
        assertEquals("rate", rejected(Map.of("rate", Double.POSITIVE_INFINITY)).parameter());
        assertEquals("parameter 'rate': must be at least 0.1, got 0", rejected(Map.of("rate", 0)).getMessage());
        assertEquals("parameter 'rate': must be at most 1000, got 1.0E300", rejected(Map.of("rate", 1e300)).getMessage());
        assertEquals("parameter 'servers': must be a whole number, got 2.5", rejected(Map.of("servers", 2.5)).getMessage());
        assertEquals("servers", rejected(Map.of("servers", 65)).parameter());
        assertEquals("parameter 'retries': must be true or false, got 1", rejected(Map.of("retries", 1)).getMessage());
        assertEquals("parameter 'policy': must be one of [fifo, lifo], got 'lilo'", rejected(Map.of("policy", "lilo")).getMessage());
        Map<String, Object> nullValue = new HashMap<>();
        nullValue.put("rate", null);
        assertEquals("parameter 'rate': needs a value", rejected(nullValue).getMessage());
    }

    @Test
    void aBadDeclarationIsCaughtWhenTheScenarioIsWritten() {
        assertThrows(IllegalArgumentException.class, () -> Parameter.number("Rate", "x", 1, null, null, "", ""));
        assertThrows(IllegalArgumentException.class, () -> Parameter.number("rate", "x", 5, 10.0, 20.0, "", ""));
        assertThrows(IllegalArgumentException.class, () -> Parameter.choice("policy", "x", "other", List.of("fifo"), ""));
    }

    @Test
    void everyBuiltInDeclaresItsKnobsAndBuildsFromItsDefaults() {
        for (Scenario scenario : Scenarios.builtIns()) {
            assertTrue(!scenario.parameters().isEmpty(), scenario.id() + " declares parameters");
            assertEquals(scenario.build(7).simulation().seed(), 7L);
        }
    }

    @Test
    void theSameSeedAndValuesGiveTheSameHistoryAndAnotherSeedAnother() {
        Scenario scenario = new MmcClusterScenario();
        ParameterValues values = ParameterValues.of(scenario.parameters(), Map.of("arrival_rate", 12, "duration", 30));

        String first = historyOf(scenario.build(7, values).simulation());
        String again = historyOf(scenario.build(7, values).simulation());
        String otherSeed = historyOf(scenario.build(8, values).simulation());
        String otherValue = historyOf(scenario.build(7, ParameterValues.of(scenario.parameters(),
                Map.of("arrival_rate", 13, "duration", 30))).simulation());

        assertEquals(first, again);
        assertNotEquals(first, otherSeed);
        assertNotEquals(first, otherValue);
    }

    @Test
    void aCombinationTheModelCannotRunIsRefusedNamingTheParameter() {
        Scenario scenario = new MmcClusterScenario();
        ParameterValues unstable = ParameterValues.of(scenario.parameters(), Map.of("servers", 1, "arrival_rate", 50));
        InvalidParameterException error = assertThrows(InvalidParameterException.class, () -> scenario.build(1, unstable));
        assertEquals("arrival_rate", error.parameter());
    }

    private static String historyOf(Simulation simulation) {
        History history = History.attach(simulation);
        simulation.run();
        return history.text();
    }
}
