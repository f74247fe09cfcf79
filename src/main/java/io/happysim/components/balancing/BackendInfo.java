package io.happysim.components.balancing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a balancer knows about one backend, as the original's per-backend info. Successes and
 * failures are the replies to the requests it forwarded (a silent loss counts as a failure).
 *
 * @param weight the weight the strategies use now (lower than configured while warming up)
 */
public record BackendInfo(String name, double weight, boolean healthy, long outstanding, long consecutiveSuccesses,
                          long consecutiveFailures, long totalRequests, long totalFailures) {
    /** As the balancer's {@code backends} metric shows it. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("weight", weight);
        map.put("is_healthy", healthy);
        map.put("outstanding", outstanding);
        map.put("consecutive_successes", consecutiveSuccesses);
        map.put("consecutive_failures", consecutiveFailures);
        map.put("total_requests", totalRequests);
        map.put("total_failures", totalFailures);
        return map;
    }
}
