package io.github.icmaven.replica.auth;

import io.github.icmaven.ic.RequestId;
import io.github.icmaven.ic.RepresentationIndependentHash;
import io.github.icmaven.ic.DomainSeparator;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.cbor.Cbor;
import io.github.icmaven.cbor.CborException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and authenticates the envelope of a request POSTed to the HTTP interface
 * ({@code {content, sender_pubkey?, sender_sig?, sender_delegation?}}), following the spec's
 * Authentication section and the replica's ingress validator: required fields, ingress expiry,
 * sender/public-key match, delegation chain and request signature.
 *
 * <p>Every refusal is an {@link InvalidRequestException} with HTTP status 400 and a message worded
 * like the replica's.
 */
public final class EnvelopeVerifier {
    /** How far in the future an ingress expiry may be (the IC's {@code MAX_INGRESS_TTL}). */
    public static final Duration MAX_INGRESS_TTL = Duration.ofMinutes(5);
    /** Allowance for client clocks running ahead of the replica's. */
    public static final Duration PERMITTED_DRIFT = Duration.ofSeconds(30);

    static final int MAX_NONCE_BYTES = 32;
    static final int MAX_DELEGATIONS = 20;
    static final int MAX_DELEGATION_TARGETS = 1000;

    private static final byte[] REQUEST_DOMAIN = DomainSeparator.of("ic-request");
    private static final byte[] DELEGATION_DOMAIN = DomainSeparator.of("ic-request-auth-delegation");

    private EnvelopeVerifier() {
    }

    /**
     * Decodes {@code body} as CBOR and verifies it; see {@link #verify(Object, String, long)}.
     *
     * @throws InvalidRequestException (400) if the body is not valid CBOR or the request is refused
     */
    public static VerifiedRequest verify(byte[] body, String expectedRequestType, long nowNanos) {
        Object decoded;
        try {
            decoded = Cbor.decode(body);
        } catch (CborException e) {
            throw parseError(expectedRequestType, e.getMessage());
        }
        return verify(decoded, expectedRequestType, nowNanos);
    }

    /**
     * Verifies a decoded envelope.
     *
     * @param envelope            the decoded CBOR body (tag 55799 already dropped by {@link Cbor})
     * @param expectedRequestType the request type the endpoint serves: {@code call}, {@code query}
     *                            or {@code read_state}
     * @param nowNanos            the replica's current time, nanoseconds since the epoch
     * @throws InvalidRequestException (400) if the request is malformed or not authentic
     */
    public static VerifiedRequest verify(Object envelope, String expectedRequestType, long nowNanos) {
        String type = expectedRequestType;
        if (!(envelope instanceof Map<?, ?> env)) {
            throw parseError(type, "the envelope is not a CBOR map");
        }
        if (!(env.get("content") instanceof Map<?, ?> rawContent)) {
            throw parseError(type, "missing field `content`");
        }
        Map<String, Object> content = textKeyed(rawContent, type);
        Object requestType = content.get("request_type");
        if (!(requestType instanceof String)) {
            throw parseError(type, "missing field `request_type`");
        }
        if (!type.equals(requestType)) {
            throw parseError(type, "unknown variant `" + requestType + "`, expected `" + type + "`");
        }

        long ingressExpiry = requiredNat(content, "ingress_expiry", type);
        Principal sender = principal(requiredBlob(content, "sender", type), "sender", type);
        byte[] nonce = optionalBlob(content, "nonce", type);
        if (nonce != null && nonce.length > MAX_NONCE_BYTES) {
            throw InvalidRequestException.badRequest("Nonce in request is too big: got " + nonce.length
                    + " bytes, but at most " + MAX_NONCE_BYTES + " are allowed");
        }
        Principal canisterId = null;
        String methodName = null;
        byte[] arg = null;
        List<List<byte[]>> paths = null;
        if (type.equals(VerifiedRequest.READ_STATE)) {
            paths = paths(content.get("paths"), type);
        } else {
            canisterId = principal(requiredBlob(content, "canister_id", type), "canister_id", type);
            methodName = requiredText(content, "method_name", type);
            arg = requiredBlob(content, "arg", type);
        }

        byte[] requestId;
        try {
            requestId = RequestId.of(content);
        } catch (IllegalArgumentException e) {
            throw parseError(type, e.getMessage());
        }

        // The spec lets the IC accept any expiry on anonymous query and read_state requests.
        boolean expiryExempt = sender.isAnonymous() && !type.equals(VerifiedRequest.CALL);
        if (!expiryExempt) {
            checkIngressExpiry(ingressExpiry, nowNanos);
        }
        Set<Principal> targets = authenticate(env, type, sender, requestId, nowNanos);
        if (canisterId != null && targets != null && !targets.contains(canisterId)) {
            throw InvalidRequestException.badRequest(
                    "Canister " + canisterId + " is not one of the delegation targets");
        }
        return new VerifiedRequest(type, sender, canisterId, methodName, arg, ingressExpiry, nonce, paths,
                requestId, content, targets);
    }

    private static void checkIngressExpiry(long ingressExpiry, long nowNanos) {
        long max = nowNanos + MAX_INGRESS_TTL.toNanos() + PERMITTED_DRIFT.toNanos();
        if (ingressExpiry < nowNanos || ingressExpiry > max) {
            throw InvalidRequestException.badRequest("Invalid request expiry: Specified ingress_expiry not within"
                    + " expected range: Minimum allowed expiry: " + time(nowNanos)
                    + ", Maximum allowed expiry: " + time(max)
                    + ", Provided expiry: " + (ingressExpiry == Long.MAX_VALUE ? "far future" : time(ingressExpiry)));
        }
    }

    /** Authenticates the sender; returns the delegation targets, {@code null} meaning unrestricted. */
    private static Set<Principal> authenticate(Map<?, ?> env, String type, Principal sender, byte[] requestId,
                                               long nowNanos) {
        Object pubkeyField = env.get("sender_pubkey");
        Object sigField = env.get("sender_sig");
        Object delegationField = env.get("sender_delegation");
        if (pubkeyField == null && sigField == null && delegationField == null) {
            if (sender.isAnonymous()) {
                return null;
            }
            throw InvalidRequestException.badRequest("Missing signature from user: " + sender);
        }
        if (sender.isAnonymous()) {
            throw InvalidRequestException.badRequest("Signature is not allowed for the anonymous user");
        }
        if (!(pubkeyField instanceof byte[] senderPubkey)) {
            throw pubkeyField == null ? InvalidRequestException.badRequest("Missing signature from user: " + sender)
                    : parseError(type, "`sender_pubkey` must be a byte string");
        }
        if (!(sigField instanceof byte[] senderSig)) {
            throw sigField == null ? InvalidRequestException.badRequest("Missing signature from user: " + sender)
                    : parseError(type, "`sender_sig` must be a byte string");
        }
        if (!Principal.selfAuthenticating(senderPubkey).equals(sender)) {
            throw InvalidRequestException.badRequest("The user id " + sender + " does not match the public key "
                    + UserSignatures.hex(senderPubkey));
        }

        List<Map<?, ?>> delegations = delegations(delegationField, type);
        byte[] signingKey = senderPubkey;
        Set<Principal> targets = null;
        Set<String> seenKeys = new HashSet<>();
        seenKeys.add(UserSignatures.hex(senderPubkey));
        for (Map<?, ?> signed : delegations) {
            if (!(signed.get("delegation") instanceof Map<?, ?> delegation)) {
                throw parseError(type, "a sender delegation lacks its `delegation` map");
            }
            if (!(signed.get("signature") instanceof byte[] signature)) {
                throw parseError(type, "a sender delegation lacks its `signature`");
            }
            if (!(delegation.get("pubkey") instanceof byte[] delegatedKey)) {
                throw parseError(type, "a sender delegation lacks its `pubkey`");
            }
            long expiration = requiredNat(textKeyed(delegation, type), "expiration", type);
            if (expiration < nowNanos) {
                throw InvalidRequestException.badRequest("Invalid delegation expiry: Specified sender delegation has"
                        + " expired: Provided expiry: " + time(expiration) + ", Local time: " + time(nowNanos));
            }
            try {
                UserSignatures.verify(signingKey,
                        concat(DELEGATION_DOMAIN, RepresentationIndependentHash.hashOfMap(delegation)), signature);
            } catch (UserSignatures.Refusal e) {
                throw InvalidRequestException.badRequest("Invalid delegation: " + e.getMessage());
            } catch (IllegalArgumentException e) {
                throw parseError(type, e.getMessage());
            }
            if (!seenKeys.add(UserSignatures.hex(delegatedKey))) {
                throw InvalidRequestException.badRequest("Invalid delegation: Chain of delegations contains at least"
                        + " one cycle: first repeating public key encountered " + UserSignatures.hex(delegatedKey));
            }
            checkPermissions(delegation.get("permissions"), type);
            Set<Principal> delegationTargets = delegationTargets(delegation.get("targets"), type);
            if (delegationTargets != null) {
                if (targets == null) {
                    targets = delegationTargets;
                } else {
                    targets.retainAll(delegationTargets);
                }
            }
            signingKey = delegatedKey;
        }
        try {
            UserSignatures.verify(signingKey, concat(REQUEST_DOMAIN, requestId), senderSig);
        } catch (UserSignatures.Refusal e) {
            throw InvalidRequestException.badRequest("Invalid signature: " + e.getMessage());
        }
        return targets;
    }

    private static List<Map<?, ?>> delegations(Object field, String type) {
        if (field == null) {
            return List.of();
        }
        if (!(field instanceof List<?> list)) {
            throw parseError(type, "`sender_delegation` must be an array");
        }
        if (list.size() > MAX_DELEGATIONS) {
            throw InvalidRequestException.badRequest("Invalid delegation: Chain of delegations is too long: got "
                    + list.size() + " delegations, but at most " + MAX_DELEGATIONS + " are allowed");
        }
        List<Map<?, ?>> out = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw parseError(type, "a sender delegation is not a map");
            }
            out.add(map);
        }
        return out;
    }

    private static void checkPermissions(Object permissions, String type) {
        if (permissions == null || "all".equals(permissions)) {
            return;
        }
        if (!"queries".equals(permissions)) {
            throw InvalidRequestException.badRequest("Invalid delegation: unknown delegation permissions " + permissions);
        }
        if (type.equals(VerifiedRequest.CALL)) {
            throw InvalidRequestException.badRequest(
                    "Invalid delegation: the delegation chain only permits queries, but this is a call");
        }
    }

    private static Set<Principal> delegationTargets(Object field, String type) {
        if (field == null) {
            return null;
        }
        if (!(field instanceof List<?> list)) {
            throw parseError(type, "delegation `targets` must be an array");
        }
        if (list.size() > MAX_DELEGATION_TARGETS) {
            throw InvalidRequestException.badRequest("Invalid delegation: expected at most " + MAX_DELEGATION_TARGETS
                    + " delegation targets, but got " + list.size());
        }
        Set<Principal> targets = new LinkedHashSet<>();
        for (Object item : list) {
            if (!(item instanceof byte[] bytes)) {
                throw parseError(type, "a delegation target is not a byte string");
            }
            targets.add(principal(bytes, "targets", type));
        }
        return targets;
    }

    private static List<List<byte[]>> paths(Object field, String type) {
        if (field == null) {
            throw parseError(type, "missing field `paths`");
        }
        if (!(field instanceof List<?> list)) {
            throw parseError(type, "`paths` must be an array of paths");
        }
        List<List<byte[]>> paths = new ArrayList<>(list.size());
        for (Object path : list) {
            if (!(path instanceof List<?> labels)) {
                throw parseError(type, "a path in `paths` is not an array");
            }
            List<byte[]> out = new ArrayList<>(labels.size());
            for (Object label : labels) {
                if (!(label instanceof byte[] bytes)) {
                    throw parseError(type, "a path label is not a byte string");
                }
                out.add(bytes);
            }
            paths.add(List.copyOf(out));
        }
        return List.copyOf(paths);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> textKeyed(Map<?, ?> map, String type) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw parseError(type, "map keys must be text");
            }
        }
        return (Map<String, Object>) map;
    }

    private static long requiredNat(Map<String, Object> map, String field, String type) {
        Object value = map.get(field);
        if (value == null) {
            throw parseError(type, "missing field `" + field + "`");
        }
        if (value instanceof Long n && n >= 0) {
            return n;
        }
        if (value instanceof BigInteger big && big.signum() > 0) {
            return Long.MAX_VALUE; // beyond 2^63 ns: only ever "too far in the future"
        }
        throw parseError(type, "`" + field + "` must be a natural number");
    }

    private static byte[] requiredBlob(Map<String, Object> map, String field, String type) {
        byte[] value = optionalBlob(map, field, type);
        if (value == null) {
            throw parseError(type, "missing field `" + field + "`");
        }
        return value;
    }

    private static byte[] optionalBlob(Map<String, Object> map, String field, String type) {
        Object value = map.get(field);
        if (value != null && !(value instanceof byte[])) {
            throw parseError(type, "`" + field + "` must be a byte string");
        }
        return (byte[]) value;
    }

    private static String requiredText(Map<String, Object> map, String field, String type) {
        Object value = map.get(field);
        if (value == null) {
            throw parseError(type, "missing field `" + field + "`");
        }
        if (!(value instanceof String s)) {
            throw parseError(type, "`" + field + "` must be text");
        }
        return s;
    }

    private static Principal principal(byte[] bytes, String field, String type) {
        try {
            return Principal.of(bytes);
        } catch (IllegalArgumentException e) {
            throw parseError(type, "`" + field + "`: " + e.getMessage());
        }
    }

    private static InvalidRequestException parseError(String type, String detail) {
        return InvalidRequestException.badRequest("Could not parse body as " + type + " message: " + detail);
    }

    private static String time(long nanos) {
        return Instant.ofEpochSecond(0, nanos).toString();
    }


    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
