package io.happysim.components.queueing;

/** A policy that needs its resource (clock, random stream, drop reports); one resource per policy instance. */
abstract class AttachedPolicy implements QueuePolicy {
    private QueueContext context;

    @Override
    public void attach(QueueContext owner) {
        if (context != null && context != owner) {
            throw new IllegalStateException(getClass().getSimpleName() + " already serves '" + context.name()
                    + "'; give '" + owner.name() + "' a policy of its own");
        }
        context = owner;
        attached(owner);
    }

    /** Called on every attach (every reset of the owner): re-derive random streams here. */
    protected void attached(QueueContext owner) {
    }

    protected final QueueContext context() {
        if (context == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is not attached to a queued resource");
        }
        return context;
    }
}
