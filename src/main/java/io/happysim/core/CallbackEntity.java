package io.happysim.core;

/** An entity whose handler is a function: small glue that needs no class of its own. */
public final class CallbackEntity extends Entity {
    private final Continuation action;

    public CallbackEntity(String name, Continuation action) {
        super(name);
        if (action == null) {
            throw new IllegalArgumentException("a callback entity needs an action");
        }
        this.action = action;
    }

    @Override
    protected void handle(Event event) {
        action.resume(event);
    }
}
