package io.github.icmaven.replica.calls;

import io.github.icmaven.core.backup.IcpCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;

/**
 * Real Rust canisters that icp-cli 1.5.0 carries in its executable (the test suite installs icp-cli):
 * the proxy canister (ic-cdk 0.18.7), whose {@code proxy} method calls another canister with
 * {@code ic0.call_*} (best-effort response, cycles, cleanup); and the Candid UI canister, which serves
 * certified HTTP ({@code certified_data_set}, {@code ic0.data_certificate_*} in {@code http_request}).
 */
final class IcpCliCanisters {
    private static final byte[] MAGIC = {0, 'a', 's', 'm', 1, 0, 0, 0};
    private static final byte[] PROXY_SERVICE = "service : {\n  proxy :".getBytes(StandardCharsets.UTF_8);
    private static final byte[] CANDID_UI_EXPORT = "canister_query did_to_js".getBytes(StandardCharsets.UTF_8);
    private static byte[] executable;

    private IcpCliCanisters() {}

    static byte[] proxy() throws IOException, InterruptedException {
        return module(PROXY_SERVICE, "proxy");
    }

    static byte[] candidUi() throws IOException, InterruptedException {
        return module(CANDID_UI_EXPORT, "Candid UI");
    }

    /** The embedded wasm modules follow one another: each ends where its sections end. */
    private static byte[] module(byte[] marker, String name) throws IOException, InterruptedException {
        byte[] bytes = executable();
        for (int start = indexOf(bytes, MAGIC, 0); start >= 0; start = indexOf(bytes, MAGIC, start + 1)) {
            int end = moduleEnd(bytes, start);
            if (end > start && indexOf(Arrays.copyOfRange(bytes, start, end), marker, 0) >= 0) {
                return Arrays.copyOfRange(bytes, start, end);
            }
        }
        throw new IllegalStateException("icp-cli's executable holds no " + name + " canister module");
    }

    private static synchronized byte[] executable() throws IOException, InterruptedException {
        if (executable == null) {
            executable = Files.readAllBytes(IcpCli.binary());
        }
        return executable;
    }

    private static int moduleEnd(byte[] bytes, int start) {
        int i = start + MAGIC.length;
        while (i < bytes.length && bytes[i] >= 0 && bytes[i] <= 12 && !startsWith(bytes, i, MAGIC)) {
            long size = 0;
            int shift = 0;
            int j = i + 1;
            while (j < bytes.length) {
                int b = bytes[j++] & 0xff;
                size |= (long) (b & 0x7f) << shift;
                shift += 7;
                if (b < 0x80 || shift > 35) {
                    break;
                }
            }
            if (j + size > bytes.length) {
                return -1;
            }
            i = (int) (j + size);
        }
        return i;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        for (int i = from; i <= haystack.length - needle.length; i++) {
            if (startsWith(haystack, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
        if (at + prefix.length > bytes.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (bytes[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
