package io.happysim.scenarios;

import java.util.List;

/** The built-in scenarios in a fixed order ({@code bursty-mm1} first, the default); {@link ScenarioCatalog} adds the class path's and the models folder's. */
public final class Scenarios {

    private Scenarios() {
    }

    public static List<Scenario> builtIns() {
        return List.of(new BurstyMm1Scenario(), new ConsistentHashLbScenario(), new MmcClusterScenario(), new ServerFarmScenario(),
                new RetryingClientScenario(), new MetastableRetryStormScenario(), new GcCollapseScenario(),
                new CircuitBreakerScenario(), new HedgedRequestsScenario(),
                new DegradedNetworkScenario(), new PartitionScenario(), new RateLimitedApiScenario(), new CodelUnderOverloadScenario(),
                BurstyMm1Scenario.longRun());
    }

    public static Scenario defaultScenario() {
        return builtIns().get(0);
    }
}
