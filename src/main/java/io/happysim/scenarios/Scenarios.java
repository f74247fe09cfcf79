package io.happysim.scenarios;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/** The scenarios users can pick: the built-ins in a fixed order ({@code bursty-mm1} first, the default), then any found by ServiceLoader. */
public final class Scenarios {
    private static final Logger LOG = Logger.getLogger(Scenarios.class.getName());

    private Scenarios() {
    }

    public static List<Scenario> builtIns() {
        return List.of(new BurstyMm1Scenario(), new ConsistentHashLbScenario(), new MmcClusterScenario(), new ServerFarmScenario(),
                new RetryingClientScenario(), new MetastableRetryStormScenario(), new GcCollapseScenario(),
                new CircuitBreakerScenario(), new HedgedRequestsScenario(),
                new DegradedNetworkScenario(), new PartitionScenario(), new RateLimitedApiScenario(), new CodelUnderOverloadScenario(),
                BurstyMm1Scenario.longRun());
    }

    /** Built-ins, then user scenarios in ServiceLoader order; a user scenario reusing a taken id is skipped with a warning. */
    public static List<Scenario> all() {
        Map<String, Scenario> byId = new LinkedHashMap<>();
        for (Scenario scenario : builtIns()) {
            byId.put(scenario.id(), scenario);
        }
        try {
            for (Scenario scenario : ServiceLoader.load(Scenario.class)) {
                if (byId.putIfAbsent(scenario.id(), scenario) != null) {
                    LOG.warning(() -> "Ignoring scenario " + scenario.getClass().getName() + ": id '" + scenario.id() + "' is taken");
                }
            }
        } catch (ServiceConfigurationError e) {
            LOG.warning(() -> "Could not load user scenarios: " + e.getMessage());
        }
        return List.copyOf(new ArrayList<>(byId.values()));
    }

    public static Optional<Scenario> find(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public static Scenario defaultScenario() {
        return builtIns().get(0);
    }
}
