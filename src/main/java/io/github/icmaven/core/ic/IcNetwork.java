package io.github.icmaven.core.ic;

import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;
import io.github.icmaven.core.ic.transport.HttpReplicaTransport;
import io.github.icmaven.core.ic.transport.ReplicaHttpException;
import io.github.icmaven.ic.Principal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

/**
 * Where calls go and which root key certifies the answers. The mainnet root key is fixed in code and
 * never fetched: fetching it would let whoever answers at the URL choose the key. A replica's own key is
 * fetched only from loopback hosts (a local replica on this machine), unless the user pins it
 * ({@link #withPinnedRootKey(byte[])}), as the mainnet key is pinned in code.
 *
 * @param name "local", "ic", or the URL as given
 * @param url the replica or boundary node
 * @param fetchesRootKey true if the root key is read from {@code /api/v2/status} (loopback hosts only)
 * @param pinnedRootKey the root key (DER) the user gave for this network, or null
 */
public record IcNetwork(String name, URI url, boolean fetchesRootKey, byte[] pinnedRootKey) {
    public static final String LOCAL = "local";
    public static final String MAINNET = "ic";
    public static final URI LOCAL_URL = URI.create("http://127.0.0.1:4943");
    public static final URI MAINNET_URL = URI.create("https://icp-api.io");

    /** DER prefix of an IC BLS12-381 public key (interface spec, "Certification"). */
    private static final String ROOT_KEY_DER_PREFIX_HEX =
            "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100";
    /** The IC mainnet root key, DER (same constant as agent-rs and agent-js). */
    private static final String MAINNET_ROOT_KEY_HEX = ROOT_KEY_DER_PREFIX_HEX
            + "814c0e6ec71fab583b08bd81373c255c3c371b2e84863c98a4f1e08b74235d14fb5d9c0cd546d9685f913a0c0b2cc5341583"
            + "bf4b4392e467db96d65b9bb4cb717112f8472e0d5a4d14505ffd7484b01291091c5f87b98883463f98091a0baaae";
    private static final int ROOT_KEY_DER_LENGTH = 133;

    public IcNetwork {
        if (fetchesRootKey && !isLoopback(url)) {
            throw new IllegalArgumentException("The root key may only be fetched from a replica on this machine "
                    + "(a loopback host), not from " + url.getHost());
        }
        if (fetchesRootKey && pinnedRootKey != null) {
            throw new IllegalArgumentException("A pinned root key is never fetched");
        }
        pinnedRootKey = pinnedRootKey == null ? null : pinnedRootKey.clone();
    }

    public IcNetwork(String name, URI url, boolean fetchesRootKey) {
        this(name, url, fetchesRootKey, null);
    }

    @Override
    public byte[] pinnedRootKey() {
        return pinnedRootKey == null ? null : pinnedRootKey.clone();
    }

    /**
     * This network with a root key the user knows, so that every certificate, delegation included, is
     * verified against it and nothing is fetched. For mainnet only the mainnet key is accepted.
     *
     * @param rootKeyDer the DER public key (133 bytes, as {@code /api/v2/status} reports it)
     * @throws IllegalArgumentException if the key is not a DER BLS12-381 key, or is not mainnet's for {@code ic}
     */
    public IcNetwork withPinnedRootKey(byte[] rootKeyDer) {
        if (!isDerBlsKey(rootKeyDer)) {
            throw new IllegalArgumentException("The root key must be a DER BLS12-381 public key: "
                    + ROOT_KEY_DER_LENGTH * 2 + " hex digits starting " + ROOT_KEY_DER_PREFIX_HEX + ", got "
                    + rootKeyDer.length + " bytes");
        }
        if (name.equals(MAINNET) && !Arrays.equals(rootKeyDer, mainnetRootKey())) {
            throw new IllegalArgumentException("The root key given for network 'ic' is not the mainnet root key");
        }
        return new IcNetwork(name, url, false, rootKeyDer);
    }

    /**
     * Resolves a network name or URL.
     *
     * @param nameOrUrl "local" (http://127.0.0.1:4943, root key fetched), "ic" (https://icp-api.io, mainnet
     *     root key) or an http(s) URL (root key fetched only for a loopback host, else the mainnet key)
     * @throws IllegalArgumentException naming the accepted values
     */
    public static IcNetwork resolve(String nameOrUrl) {
        if (nameOrUrl == null || nameOrUrl.isBlank()) {
            throw new IllegalArgumentException(acceptedValues("No network given"));
        }
        String trimmed = nameOrUrl.trim();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case LOCAL:
                return new IcNetwork(LOCAL, LOCAL_URL, true);
            case MAINNET:
                return new IcNetwork(MAINNET, MAINNET_URL, false);
            default:
                break;
        }
        URI url = parseHttpUrl(trimmed);
        return new IcNetwork(trimmed, url, isLoopback(url));
    }

    /** The mainnet root key (DER), a copy. */
    public static byte[] mainnetRootKey() {
        return HexFormat.of().parseHex(MAINNET_ROOT_KEY_HEX);
    }

    /**
     * The root key that certifies this network's answers: the pinned key, the mainnet key, or the one the
     * local replica reports at {@code /api/v2/status}.
     *
     * @throws IcCallException if the status cannot be fetched or carries no well-formed root key
     */
    public byte[] rootKey(HttpReplicaTransport transport) throws IcCallException {
        if (pinnedRootKey != null) {
            return pinnedRootKey();
        }
        if (!fetchesRootKey) {
            return mainnetRootKey();
        }
        String what = "GET " + url + "/api/v2/status";
        byte[] status;
        try {
            status = transport.status();
        } catch (ReplicaHttpException h) {
            throw IcCallException.httpError(Principal.MANAGEMENT_CANISTER, "(status)", h.statusCode(), h.body(), h);
        } catch (SocketTimeoutException e) {
            throw IcCallException.network(Principal.MANAGEMENT_CANISTER, "(status)", what + " timed out", e);
        } catch (IOException e) {
            throw IcCallException.network(Principal.MANAGEMENT_CANISTER, "(status)",
                    "cannot reach the replica at " + url + " (is it running?): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw IcCallException.network(Principal.MANAGEMENT_CANISTER, "(status)", what + " was interrupted", e);
        }
        return rootKeyFromStatus(status, what);
    }

    static byte[] rootKeyFromStatus(byte[] statusBody, String what) throws IcCallException {
        Object status;
        try {
            status = Cbor.decode(statusBody);
        } catch (CborException e) {
            throw IcCallException.protocol(Principal.MANAGEMENT_CANISTER, "(status)",
                    what + " is not CBOR: " + e.getMessage(), e);
        }
        if (!(status instanceof Map<?, ?> map) || !(map.get("root_key") instanceof byte[] key)) {
            throw IcCallException.protocol(Principal.MANAGEMENT_CANISTER, "(status)", what + " has no root_key", null);
        }
        if (!isDerBlsKey(key)) {
            throw IcCallException.protocol(Principal.MANAGEMENT_CANISTER, "(status)",
                    what + " reports a root_key that is not a DER BLS12-381 key (" + key.length + " bytes)", null);
        }
        return key;
    }

    private static boolean isDerBlsKey(byte[] key) {
        byte[] prefix = HexFormat.of().parseHex(ROOT_KEY_DER_PREFIX_HEX);
        return key.length == ROOT_KEY_DER_LENGTH && Arrays.equals(Arrays.copyOf(key, prefix.length), prefix);
    }

    /** True for localhost, 127.0.0.0/8 and ::1; decided from the text alone, without DNS. */
    public static boolean isLoopback(URI url) {
        String host = url.getHost();
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (!octet.matches("\\d{1,3}") || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static URI parseHttpUrl(String text) {
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(acceptedValues("'" + text + "' is not a valid URL (" + e.getReason() + ")"));
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException(acceptedValues("Unknown network '" + text + "'"));
        }
        if (url.getHost() == null) {
            throw new IllegalArgumentException(acceptedValues("The URL '" + text + "' has no host"));
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            // Not echoed: user info may hold a password.
            throw new IllegalArgumentException(acceptedValues(
                    "The URL for host " + url.getHost() + " must not carry user info, a query or a fragment"));
        }
        return url;
    }

    private static String acceptedValues(String problem) {
        return problem + ". Accepted values: 'local' (" + LOCAL_URL + "), 'ic' (" + MAINNET_URL
                + "), or an http:// or https:// URL of a replica or boundary node.";
    }
}
