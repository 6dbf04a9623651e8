package io.github.icmaven.replica.routing;

import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.execution.Global;
import io.github.icmaven.replica.management.InstallMode;
import io.github.icmaven.replica.management.SettingsUpdate;
import io.github.icmaven.replica.state.CanisterSettings;
import io.github.icmaven.replica.state.EnvironmentVariable;
import io.github.icmaven.replica.state.GlobalTimer;
import io.github.icmaven.replica.state.LowWasmMemoryHookStatus;
import io.github.icmaven.replica.state.Visibility;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** Conversions between the Candid values of ic.did and the management canister's typed records. */
final class ManagementValues {
    /** The canister log buffer the IC gives every canister, in bytes; the embedded replica keeps no logs. */
    static final BigInteger DEFAULT_LOG_MEMORY_LIMIT = BigInteger.valueOf(4096);

    private ManagementValues() {}

    // ---- reading arguments ----

    static Optional<IdlValue> opt(IdlValue record, String field) {
        return record.field(field).asOpt();
    }

    static <T> Optional<T> opt(IdlValue record, String field, Function<IdlValue, T> convert) {
        return opt(record, field).map(convert);
    }

    static OptionalLong optNat64(IdlValue record, String field) {
        return opt(record, field).map(v -> OptionalLong.of(v.asLong())).orElse(OptionalLong.empty());
    }

    static Principal principal(IdlValue record, String field) {
        return record.field(field).asPrincipal();
    }

    static byte[] blob(IdlValue record, String field) {
        return record.field(field).asBlob();
    }

    static long nat64(IdlValue record, String field) {
        return record.field(field).asLong();
    }

    static List<Principal> principals(IdlValue vec) {
        List<Principal> list = new ArrayList<>();
        vec.asVec().forEach(p -> list.add(p.asPrincipal()));
        return list;
    }

    static SettingsUpdate settings(IdlValue s) {
        return new SettingsUpdate(
                opt(s, "controllers", ManagementValues::principals),
                opt(s, "compute_allocation", IdlValue::asNat),
                opt(s, "memory_allocation", IdlValue::asNat),
                opt(s, "freezing_threshold", IdlValue::asNat),
                opt(s, "reserved_cycles_limit", IdlValue::asNat),
                opt(s, "minimum_incoming_canister_call_cycles", IdlValue::asNat),
                opt(s, "log_visibility", ManagementValues::visibility),
                opt(s, "snapshot_visibility", ManagementValues::visibility),
                opt(s, "status_visibility", ManagementValues::visibility),
                opt(s, "wasm_memory_limit", IdlValue::asNat),
                opt(s, "wasm_memory_threshold", IdlValue::asNat),
                opt(s, "environment_variables", vec -> {
                    List<EnvironmentVariable> vars = new ArrayList<>();
                    vec.asVec().forEach(v -> vars.add(new EnvironmentVariable(v.field("name").asText(), v.field("value").asText())));
                    return vars;
                }));
    }

    static Visibility visibility(IdlValue value) {
        IdlValue.Variant v = value.asVariant();
        if (v.is("public")) {
            return Visibility.PUBLIC;
        }
        if (v.is("allowed_viewers")) {
            return Visibility.allowedViewers(principals(v.value()));
        }
        return Visibility.CONTROLLERS;
    }

    static InstallMode installMode(IdlValue value) {
        IdlValue.Variant mode = value.asVariant();
        if (mode.is("install")) {
            return InstallMode.INSTALL;
        }
        if (mode.is("reinstall")) {
            return InstallMode.REINSTALL;
        }
        Optional<IdlValue> options = mode.value().asOpt();
        return new InstallMode.Upgrade(
                options.flatMap(o -> opt(o, "skip_pre_upgrade", IdlValue::asBool)),
                options.flatMap(o -> opt(o, "wasm_memory_persistence", p -> p.asVariant().is("keep")
                        ? InstallMode.WasmMemoryPersistence.KEEP
                        : InstallMode.WasmMemoryPersistence.REPLACE)));
    }

    static List<Global> globals(IdlValue vec) {
        List<Global> globals = new ArrayList<>();
        for (IdlValue element : vec.asVec()) {
            IdlValue.Variant g = element.asVariant();
            globals.add(switch (g.tag()) {
                case "i32" -> new Global(Global.Type.I32, g.value().asLong());
                case "i64" -> new Global(Global.Type.I64, g.value().asLong());
                case "f32" -> new Global(Global.Type.F32, Float.floatToRawIntBits((float) g.value().asDouble()) & 0xffffffffL);
                case "f64" -> new Global(Global.Type.F64, Double.doubleToRawLongBits(g.value().asDouble()));
                default -> throw new IllegalArgumentException("v128 globals are not supported by the embedded replica");
            });
        }
        return globals;
    }

    static GlobalTimer globalTimer(IdlValue value) {
        IdlValue.Variant timer = value.asVariant();
        return timer.is("active") ? GlobalTimer.active(timer.value().asLong()) : GlobalTimer.INACTIVE;
    }

    static LowWasmMemoryHookStatus hookStatus(IdlValue value) {
        return switch (value.asVariant().tag()) {
            case "ready" -> LowWasmMemoryHookStatus.READY;
            case "executed" -> LowWasmMemoryHookStatus.EXECUTED;
            default -> LowWasmMemoryHookStatus.CONDITION_NOT_SATISFIED;
        };
    }

    // ---- building results ----

    static IdlValue.FieldValue field(String name, IdlValue value) {
        return IdlValue.field(name, value);
    }

    static IdlValue nat(BigInteger value) {
        return IdlValue.nat(value);
    }

    static IdlValue principalVec(List<Principal> principals) {
        return IdlValue.vec(principals.stream().map(p -> (IdlValue) IdlValue.principal(p)).toList());
    }

    static IdlValue visibilityValue(Visibility visibility) {
        return switch (visibility.kind()) {
            case CONTROLLERS -> IdlValue.variant("controllers");
            case PUBLIC -> IdlValue.variant("public");
            case ALLOWED_VIEWERS -> IdlValue.variant("allowed_viewers", principalVec(visibility.allowedViewers()));
        };
    }

    static IdlValue definiteSettings(List<Principal> controllers, CanisterSettings s) {
        return IdlValue.record(
                field("controllers", principalVec(controllers)),
                field("compute_allocation", nat(s.computeAllocation())),
                field("memory_allocation", nat(s.memoryAllocation())),
                field("freezing_threshold", nat(s.freezingThreshold())),
                field("reserved_cycles_limit", nat(s.reservedCyclesLimit())),
                field("minimum_incoming_canister_call_cycles", nat(s.minimumIncomingCanisterCallCycles())),
                field("log_visibility", visibilityValue(s.logVisibility())),
                field("snapshot_visibility", visibilityValue(s.snapshotVisibility())),
                field("status_visibility", visibilityValue(s.statusVisibility())),
                field("wasm_memory_limit", nat(s.wasmMemoryLimit())),
                field("wasm_memory_threshold", nat(s.wasmMemoryThreshold())),
                field("environment_variables", IdlValue.vec(s.environmentVariables().stream()
                        .map(v -> (IdlValue) IdlValue.record(field("name", IdlValue.text(v.name())),
                                field("value", IdlValue.text(v.value()))))
                        .toList())),
                field("log_memory_limit", nat(DEFAULT_LOG_MEMORY_LIMIT)));
    }

    static IdlValue globalsValue(List<Global> globals) {
        return IdlValue.vec(globals.stream().map(g -> (IdlValue) switch (g.type()) {
            case I32 -> IdlValue.variant("i32", IdlValue.int32((int) g.bits()));
            case I64 -> IdlValue.variant("i64", IdlValue.int64(g.bits()));
            case F32 -> IdlValue.variant("f32", IdlValue.float32(Float.intBitsToFloat((int) g.bits())));
            case F64 -> IdlValue.variant("f64", IdlValue.float64(Double.longBitsToDouble(g.bits())));
        }).toList());
    }

    static IdlValue globalTimerValue(Optional<GlobalTimer> timer) {
        return timer.<IdlValue>map(t -> IdlValue.some(t.deadlineNanos().isPresent()
                        ? IdlValue.variant("active", IdlValue.nat64(t.deadlineNanos().getAsLong()))
                        : IdlValue.variant("inactive")))
                .orElse(IdlValue.none());
    }

    static IdlValue hookStatusValue(Optional<LowWasmMemoryHookStatus> status) {
        return status.<IdlValue>map(s -> IdlValue.some(IdlValue.variant(switch (s) {
                    case READY -> "ready";
                    case EXECUTED -> "executed";
                    case CONDITION_NOT_SATISFIED -> "condition_not_satisfied";
                })))
                .orElse(IdlValue.none());
    }
}
