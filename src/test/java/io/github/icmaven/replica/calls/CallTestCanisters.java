package io.github.icmaven.replica.calls;

import com.dylibso.chicory.wabt.Wat2Wasm;
import io.github.icmaven.core.ic.IcCallException;
import io.github.icmaven.core.ic.InstallMode;
import io.github.icmaven.core.ic.ManagementCanisterClient;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestCanisters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The caller and callee WAT canisters of src/test/canisters/calls, compiled, installed, and their argument format. */
final class CallTestCanisters {
    static final BigInteger CYCLES = BigInteger.TEN.pow(13);
    private static final Path SOURCES = Path.of("src", "test", "canisters", "calls");

    private CallTestCanisters() {}

    static Principal install(ManagementCanisterClient client, String stem) throws IcCallException {
        return install(client, stem, List.of());
    }

    /** @param controllers the canister's controllers; empty for the client's identity alone */
    static Principal install(ManagementCanisterClient client, String stem, List<Principal> controllers)
            throws IcCallException {
        Principal canister = client.provisionalCreateCanisterWithCycles(Optional.of(CYCLES), Optional.empty(),
                controllers);
        client.installCode(canister, InstallMode.install(), wasm(stem), TestCanisters.encodeEmpty());
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

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
