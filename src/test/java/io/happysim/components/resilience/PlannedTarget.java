package io.happysim.components.resilience;

import io.happysim.core.Entity;
import io.happysim.core.Event;
import io.happysim.core.Failure;
import io.happysim.core.Instant;
import io.happysim.core.Response;
import io.happysim.core.SimFuture;
import java.util.ArrayList;
import java.util.List;

/**
 * A target that answers its n-th request as planned — a good answer, an error, a silent loss, or
 * nothing at all — after the planned delay; it records what it saw (arrival times, how many were
 * in service at once) so a test can check what the wrapper let through.
 */
final class PlannedTarget extends Entity {
    enum Kind { OK, ERROR, REJECTED, LOST, NEVER }

    record Plan(Kind kind, long delayNanos) {
        static Plan ok(double seconds) {
            return new Plan(Kind.OK, Instant.secondsToNanos(seconds));
        }

        static Plan error(double seconds) {
            return new Plan(Kind.ERROR, Instant.secondsToNanos(seconds));
        }

        static Plan rejected() {
            return new Plan(Kind.REJECTED, 0);
        }

        static Plan lost(double seconds) {
            return new Plan(Kind.LOST, Instant.secondsToNanos(seconds));
        }

        static Plan never() {
            return new Plan(Kind.NEVER, 0);
        }
    }

    private final List<Plan> plans;
    private final Plan afterPlans;
    final List<Long> arrivals = new ArrayList<>();
    final List<Event> requests = new ArrayList<>();
    /** Each request's reply as it arrived (the engine moves it to the event that finishes the work). */
    final List<SimFuture<Response>> replies = new ArrayList<>();
    int inService;
    int peakInService;
    int answered;

    /** Follows {@code plans} in order, then {@code afterPlans} for every later request. */
    PlannedTarget(String name, List<Plan> plans, Plan afterPlans) {
        super(name);
        this.plans = List.copyOf(plans);
        this.afterPlans = afterPlans;
    }

    PlannedTarget(String name, Plan always) {
        this(name, List.of(), always);
    }

    int received() {
        return arrivals.size();
    }

    @Override
    protected void handle(Event request) {
        int index = arrivals.size();
        arrivals.add(nowNanos());
        requests.add(request);
        replies.add(request.reply());
        Plan plan = index < plans.size() ? plans.get(index) : afterPlans;
        switch (plan.kind()) {
            case NEVER -> inService++;
            case REJECTED -> request.failReply(Failure.rejected(this, "planned rejection"));
            default -> {
                inService++;
                peakInService = Math.max(peakInService, inService);
                resumeAfter(request, plan.delayNanos(), done -> {
                    inService--;
                    answered++;
                    switch (plan.kind()) {
                        case OK -> done.replyWith(this, "answer " + (index + 1));
                        case ERROR -> done.failReply(Failure.error(this, "planned error"));
                        default -> done.failReply(Failure.lost(this, "planned loss"));
                    }
                });
            }
        }
        peakInService = Math.max(peakInService, inService);
    }

    @Override
    protected void reset() {
        arrivals.clear();
        requests.clear();
        replies.clear();
        inService = 0;
        peakInService = 0;
        answered = 0;
    }
}
