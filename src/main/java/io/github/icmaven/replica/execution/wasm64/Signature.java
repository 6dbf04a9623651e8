package io.github.icmaven.replica.execution.wasm64;

import java.util.List;

/**
 * A function type as wasm binary value-type codes ({@code 0x7f} i32, {@code 0x7e} i64, {@code 0x7d}
 * f32, {@code 0x7c} f64, ...).
 */
public record Signature(List<Integer> params, List<Integer> results) {
    public static final int I32 = 0x7f;
    public static final int I64 = 0x7e;
    public static final int F32 = 0x7d;
    public static final int F64 = 0x7c;

    public Signature {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }
}
