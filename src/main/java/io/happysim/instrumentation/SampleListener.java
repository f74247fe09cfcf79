package io.happysim.instrumentation;

/** Told about every sample added to a {@link Data}, as it is added (the debugger's recorder copies them). */
@FunctionalInterface
public interface SampleListener {
    void onSample(Data data, long timeNanos, double value);
}
