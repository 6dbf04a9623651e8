package io.github.icmaven.replica.execution;

import static io.github.icmaven.testcanisters.TestCanisters.decodeNat64;
import static io.github.icmaven.testcanisters.TestCanisters.decodeText;
import static io.github.icmaven.testcanisters.TestCanisters.encodeEmpty;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.testcanisters.TestCanisters;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MotokoEopExecutionTest {
    private static final Principal CANISTER = Principal.canisterId(7);
    private static final Principal CONTROLLER = Principal.of(new byte[] {1, 2, 3});
    private static final ExecutionContext CONTEXT = new ExecutionContext(CANISTER, 1_700_000_000_000_000_000L,
            BigInteger.valueOf(5_000_000_000_000L), 1, Set.of(CONTROLLER), 3);

    private final ChicoryExecutionEngine engine = new ChicoryExecutionEngine((c, line) -> System.out.println("LOG " + line));

    @Test
    void motokoCounterRuns() throws Exception {
        long t0 = System.nanoTime();
        WasmModule v1 = WasmModule.decode(Files.readAllBytes(TestCanisters.directory().resolve("motoko/counter.wasm")));
        long t1 = System.nanoTime();
        CanisterInstance c = engine.install(v1, encodeEmpty(), CONTROLLER, CONTEXT);
        long t2 = System.nanoTime();
        System.out.println("heap " + c.state().wasmMemory().length);
        assertEquals(1, decodeNat64(reply(c.update("inc", encodeEmpty(), CONTROLLER, CONTEXT))));
        long t3 = System.nanoTime();
        assertEquals(2, decodeNat64(reply(c.update("inc", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertEquals(2, decodeNat64(reply(c.query("get", encodeEmpty(), CONTROLLER, CONTEXT))));
        long t4 = System.nanoTime();
        WasmModule v2 = WasmModule.decode(Files.readAllBytes(TestCanisters.directory().resolve("motoko/counter-v2.wasm")));
        CanisterInstance u = engine.upgrade(c, v2, encodeEmpty(), CONTROLLER, new UpgradeOptions(false, true), CONTEXT);
        long t5 = System.nanoTime();
        assertEquals(2, decodeNat64(reply(u.query("get", encodeEmpty(), CONTROLLER, CONTEXT))));
        assertEquals("mo-v2", decodeText(reply(u.query("version", encodeEmpty(), CONTROLLER, CONTEXT))));
        System.out.printf("decode %d ms install %d ms first inc %d ms inc+get %d ms upgrade %d ms%n",
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000, (t4 - t3) / 1_000_000,
                (t5 - t4) / 1_000_000);
    }

    private static byte[] reply(CallOutcome outcome) {
        return org.junit.jupiter.api.Assertions.assertInstanceOf(CallOutcome.Reply.class, outcome).bytes();
    }
}
