package io.github.icmaven.replica.calls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.DidFile;
import io.github.icmaven.candid.IdlType;
import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.execution.WasmModule;
import io.github.icmaven.testcanisters.TestCanisters;
import io.github.icmaven.testcanisters.TestIdentities;
import io.github.icmaven.testcanisters.TestReplica;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real Rust ic-cdk canister (icp-cli's proxy) making inter-canister calls in the embedded replica. */
class RustProxyCanisterTest {
    private static TestReplica replica;
    private static ManagementCanisterClient client;
    private static Principal proxy;
    private static IdlType.Func proxyMethod;

    @BeforeAll
    static void start() throws Exception {
        replica = TestReplica.start(TestIdentities.newEd25519());
        client = replica.client();
        byte[] wasm = IcpCliCanisters.proxy();
        proxyMethod = DidFile.parse(new String(WasmModule.decode(wasm).publicMetadata().get("candid:service"),
                StandardCharsets.UTF_8)).method("proxy");
        proxy = CallTestCanisters.install(client, wasm, List.of());
    }

    @AfterAll
    static void stop() throws Exception {
        replica.close();
    }

    @Test
    void proxiesAnUpdateToACandidCanisterAndReturnsItsReply() throws Exception {
        Principal counter = CallTestCanisters.install(client, TestCanisters.counterV1(), List.of());

        IdlValue.Variant result = proxy(counter, "inc", TestCanisters.encodeEmpty(), BigInteger.ZERO);

        assertEquals("Ok", result.tag(), result.toString());
        assertEquals(1, TestCanisters.decodeNat64(result.value().field("result").asBlob()));
        assertEquals(1, replica.counter(counter), "the counter kept the increment");
    }

    @Test
    void attachedCyclesReachTheCalleeAndTheRestComesBack() throws Exception {
        Principal callee = CallTestCanisters.install(client, "callee");
        BigInteger proxyBefore = client.canisterStatus(proxy).cycles();

        IdlValue.Variant result = proxy(callee, "accept", new byte[0], BigInteger.valueOf(5000));

        assertEquals("Ok", result.tag(), result.toString());
        assertEquals(CallTestCanisters.CYCLES.add(BigInteger.valueOf(1000)), client.canisterStatus(callee).cycles());
        assertEquals(proxyBefore.subtract(BigInteger.valueOf(1000)), client.canisterStatus(proxy).cycles());
    }

    @Test
    void aTrappingCalleeIsReportedAsAFailedCall() throws Exception {
        Principal callee = CallTestCanisters.install(client, "callee");

        IdlValue.Variant result = proxy(callee, "trap", new byte[0], BigInteger.ZERO);

        assertEquals("Err", result.tag(), result.toString());
        IdlValue.Variant error = result.value().asVariant();
        assertEquals("CallFailed", error.tag());
        assertTrue(error.value().field("reason").asText().contains("callee trapped"), error.toString());
    }

    @Test
    void proxiesACallToTheManagementCanisterAsItself() throws Exception {
        byte[] status = Candid.encode(List.of(IdlValue.record(IdlValue.field("canister_id", IdlValue.principal(proxy)))));

        IdlValue.Variant result = proxy(Principal.MANAGEMENT_CANISTER, "canister_status", status, BigInteger.ZERO);

        assertEquals("Ok", result.tag(), result.toString());
        assertArrayEquals("DIDL".getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOf(result.value().field("result").asBlob(), 4));
    }

    private static IdlValue.Variant proxy(Principal target, String method, byte[] args, BigInteger cycles)
            throws Exception {
        IdlValue proxyArgs = IdlValue.record(
                IdlValue.field("canister_id", IdlValue.principal(target)),
                IdlValue.field("method", IdlValue.text(method)),
                IdlValue.field("args", IdlValue.blob(args)),
                IdlValue.field("cycles", IdlValue.nat(cycles)));
        byte[] reply = client.callUpdate(proxy, "proxy", Candid.encode(proxyMethod.args(), List.of(proxyArgs)));
        return Candid.decode(reply, proxyMethod.results()).get(0).asVariant();
    }
}
