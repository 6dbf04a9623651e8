package io.github.icmaven.core.ic;

import com.sun.net.httpserver.HttpServer;
import io.github.icmaven.core.ic.transport.HttpReplicaTransport;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IcNetworkTest {
    /** The mainnet key as published in dfinity/agent-rs and the interface spec. */
    private static final String MAINNET_ROOT_KEY =
            "308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100814c0e6ec71fab583b08bd81373c255c"
            + "3c371b2e84863c98a4f1e08b74235d14fb5d9c0cd546d9685f913a0c0b2cc5341583bf4b4392e467db96d65b9bb4cb717112f847"
            + "2e0d5a4d14505ffd7484b01291091c5f87b98883463f98091a0baaae";

    @Test
    void localIsTheDfxPortWithFetchedKey() {
        IcNetwork local = IcNetwork.resolve("local");
        assertEquals(URI.create("http://127.0.0.1:4943"), local.url());
        assertTrue(local.fetchesRootKey());
        assertEquals("local", local.name());
    }

    @Test
    void icIsTheBoundaryNodeWithTheFixedMainnetKey() {
        IcNetwork ic = IcNetwork.resolve("ic");
        assertEquals(URI.create("https://icp-api.io"), ic.url());
        assertFalse(ic.fetchesRootKey());
        assertEquals(MAINNET_ROOT_KEY, HexFormat.of().formatHex(IcNetwork.mainnetRootKey()));
    }

    @Test
    void namesAreCaseInsensitive() {
        assertEquals("local", IcNetwork.resolve(" LOCAL ").name());
        assertEquals("ic", IcNetwork.resolve("IC").name());
    }

    @Test
    void loopbackUrlsFetchTheKeyOthersUseMainnet() {
        assertTrue(IcNetwork.resolve("http://localhost:8080").fetchesRootKey());
        assertTrue(IcNetwork.resolve("http://127.0.0.1:1234/").fetchesRootKey());
        assertTrue(IcNetwork.resolve("http://127.1.2.3:1234").fetchesRootKey());
        assertTrue(IcNetwork.resolve("http://[::1]:4943").fetchesRootKey());
        assertFalse(IcNetwork.resolve("https://ic0.app").fetchesRootKey());
        assertFalse(IcNetwork.resolve("http://10.0.0.5:4943").fetchesRootKey());
        // A name that merely starts like a loopback address is not one.
        assertFalse(IcNetwork.resolve("http://127.0.0.1.evil.example:4943").fetchesRootKey());
        assertFalse(IcNetwork.resolve("http://localhost.evil.example").fetchesRootKey());
    }

    @Test
    void fetchingFromARemoteHostIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new IcNetwork("x", URI.create("https://boundary.example"), true));
        assertTrue(e.getMessage().contains("loopback"), e.getMessage());
    }

    @Test
    void aPinnedRootKeyIsUsedAndNeverFetched() throws Exception {
        byte[] key = HexFormat.of().parseHex(MAINNET_ROOT_KEY.substring(0, MAINNET_ROOT_KEY.length() - 2) + "00");
        IcNetwork pinned = IcNetwork.resolve("http://127.0.0.1:9").withPinnedRootKey(key);
        assertFalse(pinned.fetchesRootKey(), "a pinned key means certificates are verified");
        // Port 9 has nothing listening: the key comes without a request.
        assertArrayEquals(key, pinned.rootKey(new HttpReplicaTransport(pinned.url(), Duration.ofSeconds(1))));
        assertArrayEquals(key, IcNetwork.resolve("https://testnet.example").withPinnedRootKey(key).pinnedRootKey());
    }

    @Test
    void onlyDerBlsKeysAndForMainnetOnlyItsKeyCanBePinned() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> IcNetwork.resolve("local").withPinnedRootKey(new byte[96]));
        assertTrue(shape.getMessage().contains("DER BLS12-381"), shape.getMessage());
        byte[] other = HexFormat.of().parseHex(MAINNET_ROOT_KEY.substring(0, MAINNET_ROOT_KEY.length() - 2) + "00");
        IllegalArgumentException mainnet = assertThrows(IllegalArgumentException.class,
                () -> IcNetwork.resolve("ic").withPinnedRootKey(other));
        assertTrue(mainnet.getMessage().contains("not the mainnet root key"), mainnet.getMessage());
        assertArrayEquals(IcNetwork.mainnetRootKey(),
                IcNetwork.resolve("ic").withPinnedRootKey(IcNetwork.mainnetRootKey()).pinnedRootKey());
    }

    @Test
    void unknownNamesListTheAcceptedValues() {
        for (String bad : new String[] {"mainnet", "ftp://127.0.0.1", "", "http://"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IcNetwork.resolve(bad));
            assertTrue(e.getMessage().contains("'local'") && e.getMessage().contains("'ic'")
                    && e.getMessage().contains("http"), e.getMessage());
        }
    }

    @Test
    void userInfoInUrlsIsRefusedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IcNetwork.resolve("https://me:s3cret@icp-api.io"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    void mainnetNeverContactsTheNetwork() throws Exception {
        // The URL points nowhere; a fetch would fail.
        HttpReplicaTransport transport = new HttpReplicaTransport(URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1));
        assertArrayEquals(IcNetwork.mainnetRootKey(), IcNetwork.resolve("ic").rootKey(transport));
    }

    @Test
    void localRootKeyIsReadFromStatus() throws Exception {
        byte[] key = HexFormat.of().parseHex(MAINNET_ROOT_KEY);
        key[key.length - 1] ^= 1; // some other well-formed key
        byte[] status = statusCbor(key);
        HttpServer server = serve(200, status);
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            IcNetwork network = IcNetwork.resolve(url.toString());
            byte[] fetched = network.rootKey(new HttpReplicaTransport(url, Duration.ofSeconds(5)));
            assertArrayEquals(key, fetched);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void statusErrorsBecomeIcCallExceptions() throws Exception {
        HttpServer server = serve(503, "replica is starting".getBytes(StandardCharsets.UTF_8));
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            IcCallException e = assertThrows(IcCallException.class,
                    () -> IcNetwork.resolve(url.toString()).rootKey(new HttpReplicaTransport(url, Duration.ofSeconds(5))));
            assertEquals(IcCallException.Kind.HTTP_ERROR, e.kind());
            assertEquals(503, e.httpStatus().getAsInt());
            assertTrue(e.isTransient());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aStatusWithoutAProperKeyIsAProtocolError() {
        IcCallException e = assertThrows(IcCallException.class,
                () -> IcNetwork.rootKeyFromStatus(statusCbor(new byte[] {1, 2, 3}), "status"));
        assertEquals(IcCallException.Kind.PROTOCOL, e.kind());
    }

    @Test
    void unreachableReplicaIsANetworkError() {
        URI url = URI.create("http://127.0.0.1:9");
        IcCallException e = assertThrows(IcCallException.class,
                () -> IcNetwork.resolve(url.toString()).rootKey(new HttpReplicaTransport(url, Duration.ofSeconds(2))));
        assertEquals(IcCallException.Kind.NETWORK, e.kind());
    }

    /** CBOR {@code 55799({"root_key": key})}. */
    static byte[] statusCbor(byte[] key) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7, (byte) 0xa1, 0x68});
        out.writeBytes("root_key".getBytes(StandardCharsets.US_ASCII));
        if (key.length < 24) {
            out.write(0x40 | key.length);
        } else {
            out.write(0x58);
            out.write(key.length);
        }
        out.writeBytes(key);
        return out.toByteArray();
    }

    private static HttpServer serve(int status, byte[] body) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v2/status", exchange -> {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
