package io.github.icmaven.core.ic;

import io.github.icmaven.ic.DomainSeparator;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.ic.RepresentationIndependentHash;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the node signatures of a query's answer (interface spec, "Query call signatures"): a query is answered by
 * one node, without consensus, so its answer is only as trustworthy as that node's signature under a key the
 * subnet's certified state lists. The keys come from a certificate of the subnet's {@code /subnet} subtree.
 */
final class QuerySignatures {
    private static final byte[] RESPONSE_SEPARATOR = DomainSeparator.of("ic-response");

    private final CertificateLookup subnetCertificate;
    private final byte[] subnetId;

    /**
     * @param subnetCertificate a verified certificate holding {@code /subnet/<subnetId>/node/<node>/public_key}
     * @param subnetId the subnet that hosts the queried canister
     */
    QuerySignatures(CertificateLookup subnetCertificate, byte[] subnetId) {
        this.subnetCertificate = subnetCertificate;
        this.subnetId = subnetId;
    }

    /**
     * @param answer the query's decoded answer, replied or rejected
     * @param requestId the query's request id
     * @return why the answer is not signed by a node of the subnet, or empty when every signature verifies
     */
    Optional<String> problem(Map<?, ?> answer, byte[] requestId) {
        if (!(answer.get("signatures") instanceof List<?> signatures) || signatures.isEmpty()) {
            return Optional.of("the answer carries no node signature");
        }
        Map<String, Object> signed = signedFields(answer);
        if (signed == null) {
            return Optional.of("the answer is neither a reply nor a rejection");
        }
        for (Object item : signatures) {
            if (!(item instanceof Map<?, ?> signature) || !(signature.get("identity") instanceof byte[] node)
                    || !(signature.get("signature") instanceof byte[] bytes) || !(signature.get("timestamp") instanceof Long timestamp)) {
                return Optional.of("a node signature is malformed");
            }
            Optional<byte[]> publicKey = subnetCertificate.lookup(List.of(ascii("subnet"), subnetId, ascii("node"), node,
                    ascii("public_key")));
            if (publicKey.isEmpty()) {
                return Optional.of("node " + Principal.of(node) + " is not a node of subnet " + Principal.of(subnetId));
            }
            signed.put("timestamp", timestamp);
            signed.put("request_id", requestId);
            if (!verifies(publicKey.get(), bytes, RepresentationIndependentHash.hashOfMap(signed))) {
                return Optional.of("the signature of node " + Principal.of(node) + " does not verify");
            }
        }
        return Optional.empty();
    }

    /** The fields a node signs, without timestamp and request id; null for an answer of another shape. */
    private static Map<String, Object> signedFields(Map<?, ?> answer) {
        Map<String, Object> fields = new LinkedHashMap<>();
        Object status = answer.get("status");
        fields.put("status", status);
        if ("replied".equals(status) && answer.get("reply") instanceof Map<?, ?> reply) {
            fields.put("reply", reply);
            return fields;
        }
        if ("rejected".equals(status)) {
            fields.put("reject_code", answer.get("reject_code"));
            fields.put("reject_message", answer.get("reject_message"));
            fields.put("error_code", answer.get("error_code")); // left out of the hash when absent
            return fields;
        }
        return null;
    }

    private static boolean verifies(byte[] publicKeyDer, byte[] signature, byte[] responseHash) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(publicKeyDer)));
            verifier.update(RESPONSE_SEPARATOR);
            verifier.update(responseHash);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // not an Ed25519 key, or a malformed signature
        }
    }

    private static byte[] ascii(String label) {
        return label.getBytes(StandardCharsets.US_ASCII);
    }
}
