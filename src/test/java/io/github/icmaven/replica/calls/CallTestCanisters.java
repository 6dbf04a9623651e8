package io.github.icmaven.replica.calls;

import com.dylibso.chicory.wabt.Wat2Wasm;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.certification.BlsRootKey;
import io.github.icmaven.testcanisters.TestCanisters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ic4j.agent.certification.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The caller and callee WAT canisters of src/test/canisters/calls, compiled, installed, and their argument format. */
final class CallTestCanisters {
    static final BigInteger CYCLES = BigInteger.TEN.pow(13);
    /** Length-prefixed "ic-state-root". */
    private static final byte[] STATE_ROOT_DOMAIN = ("\ric-state-root").getBytes(StandardCharsets.US_ASCII);
    private static final Path SOURCES = Path.of("src", "test", "canisters", "calls");

    private CallTestCanisters() {}

    static Principal install(ManagementCanisterClient client, String stem) throws IcCallException {
        return install(client, wasm(stem), List.of());
    }

    static Principal install(ManagementCanisterClient client, String stem, List<Principal> controllers)
            throws IcCallException {
        return install(client, wasm(stem), controllers);
    }

    /**
     * A new canister with {@link #CYCLES} running {@code wasm}, installed with an empty Candid argument.
     *
     * @param controllers the canister's controllers; empty for the client's identity alone
     */
    static Principal install(ManagementCanisterClient client, byte[] wasm, List<Principal> controllers)
            throws IcCallException {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(),
                controllers);
        client.installCode(canister, InstallMode.install(), wasm, TestCanisters.encodeEmpty());
        return canister;
    }

    static byte[] wasm(String stem) {
        try {
            return Wat2Wasm.parse(Files.readString(SOURCES.resolve(stem + ".wat")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The caller's argument: which method of which canister to call, and the bytes to send it. */
    static byte[] callArg(Principal callee, String method, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] id = callee.bytes();
        byte[] name = method.getBytes(StandardCharsets.UTF_8);
        out.write(id.length);
        out.writeBytes(id);
        out.write(name.length);
        out.writeBytes(name);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Whether the certificate's root hash is signed (spec: domain "ic-state-root") by the DER root key. */
    static boolean signedByRootKey(Certificate certificate, byte[] rootKeyDer) {
        byte[] message = concat(STATE_ROOT_DOMAIN, certificate.tree.digest());
        byte[] blsKey = Arrays.copyOfRange(rootKeyDer, rootKeyDer.length - 96, rootKeyDer.length);
        return BlsRootKey.verify(blsKey, message, certificate.signature);
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
