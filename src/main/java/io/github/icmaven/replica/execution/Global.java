package io.github.icmaven.replica.execution;

/** An exported mutable wasm global as snapshots carry it: its type and raw bits. */
public record Global(Type type, long bits) {
    public enum Type { I32, I64, F32, F64 }
}
