package io.github.icmaven.replica.conformance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ic4j.types.Principal;

/**
 * Requests built by hand (CBOR with Jackson, request id per the spec's representation-independent hash,
 * Ed25519 signature with the JDK) and sent with {@code java.net.http}, so they can be made wrong on purpose.
 */
final class RawRequests {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());
    private static final byte[] REQUEST_DOMAIN = "\nic-request".getBytes(StandardCharsets.UTF_8);

    private final URI replica;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    RawRequests(URI replica) {
        this.replica = replica;
    }

    /** An HTTP answer: status code and body. */
    record Answer(int status, byte[] body) {
        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " \"" + bodyText().replaceAll("[^\\x20-\\x7e]", ".") + "\"";
        }
    }

    /** The content map of a call, query or read_state; values are String, byte[], Long or List. */
    static Map<String, Object> callContent(Principal sender, Principal canister, String method, byte[] arg,
                                           long ingressExpiryNanos, byte[] nonce) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("request_type", "call");
        content.put("sender", sender.getValue());
        content.put("canister_id", canister.getValue());
        content.put("method_name", method);
        content.put("arg", arg);
        content.put("ingress_expiry", ingressExpiryNanos);
        content.put("nonce", nonce);
        return content;
    }

    static Map<String, Object> queryContent(Principal sender, Principal canister, String method, byte[] arg,
                                            long ingressExpiryNanos) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("request_type", "query");
        content.put("sender", sender.getValue());
        content.put("canister_id", canister.getValue());
        content.put("method_name", method);
        content.put("arg", arg);
        content.put("ingress_expiry", ingressExpiryNanos);
        return content;
    }

    static Map<String, Object> readStateContent(Principal sender, List<List<byte[]>> paths, long ingressExpiryNanos) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("request_type", "read_state");
        content.put("sender", sender.getValue());
        content.put("paths", paths);
        content.put("ingress_expiry", ingressExpiryNanos);
        return content;
    }

    static long expiryInMinutes(int minutes) {
        return (System.currentTimeMillis() + Duration.ofMinutes(minutes).toMillis()) * 1_000_000L;
    }

    /** The request id: the representation-independent hash of the content map. */
    static byte[] requestId(Map<String, Object> content) {
        List<byte[]> pairs = new ArrayList<>();
        for (Map.Entry<String, Object> e : content.entrySet()) {
            pairs.add(concat(sha256(e.getKey().getBytes(StandardCharsets.UTF_8)), hashValue(e.getValue())));
        }
        pairs.sort(Arrays::compareUnsigned);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : pairs) {
            all.writeBytes(p);
        }
        return sha256(all.toByteArray());
    }

    private static byte[] hashValue(Object value) {
        if (value instanceof String s) {
            return sha256(s.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof byte[] b) {
            return sha256(b);
        }
        if (value instanceof Long l) {
            return sha256(leb128(l));
        }
        if (value instanceof List<?> list) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (Object element : list) {
                all.writeBytes(hashValue(element));
            }
            return sha256(all.toByteArray());
        }
        throw new IllegalArgumentException("cannot hash " + value);
    }

    /** Signs {@code \x0Aic-request ++ request id} with an Ed25519 key pair. */
    static byte[] signEd25519(KeyPair keyPair, byte[] requestId) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keyPair.getPrivate());
            signer.update(REQUEST_DOMAIN);
            signer.update(requestId);
            return signer.sign();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] envelope(Map<String, Object> content, byte[] senderPubkey, byte[] senderSig) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("content", content);
        if (senderPubkey != null) {
            envelope.put("sender_pubkey", senderPubkey);
        }
        if (senderSig != null) {
            envelope.put("sender_sig", senderSig);
        }
        try {
            byte[] body = CBOR.writeValueAsBytes(envelope);
            // Self-describe tag 55799 as real agents send it.
            return concat(new byte[] {(byte) 0xd9, (byte) 0xd9, (byte) 0xf7}, body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    Answer post(String path, byte[] body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(replica.resolve(path))
                    .timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/cbor")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("POST " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // LEB128 written out again on purpose: these requests check the replica against an independent encoder.
    static byte[] leb128(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long v = value;
        do {
            int b = (int) (v & 0x7f);
            v >>>= 7;
            out.write(v != 0 ? b | 0x80 : b);
        } while (v != 0);
        return out.toByteArray();
    }

    static long readLeb128(byte[] bytes) {
        long result = 0;
        int shift = 0;
        for (byte b : bytes) {
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
            shift += 7;
        }
        throw new IllegalArgumentException("truncated LEB128");
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
