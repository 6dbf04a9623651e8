package io.github.icmaven.replica.certification;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code delegation} of a certificate issued by a subnet other than the root subnet
 * (certification.md, "Delegation"): the subnet id and a root-subnet certificate (itself without a
 * delegation) revealing {@code /subnet/<subnet_id>/public_key}, the subnet's canister ranges at both
 * places the spec puts them ({@code /subnet/<subnet_id>/canister_ranges}, read by ic4j and the v2/v3
 * endpoints, and {@code /canister_ranges/<subnet_id>}, read by the v3/v4 ones) and {@code /time}.
 *
 * @param subnetId the delegatee subnet's id bytes
 * @param certificate the root subnet's certificate (CBOR)
 */
public record SubnetDelegation(byte[] subnetId, byte[] certificate) {
    private static final byte[] SUBNET = ascii("subnet");
    private static final byte[] CANISTER_RANGES = ascii("canister_ranges");
    private static final byte[] PUBLIC_KEY = ascii("public_key");

    /**
     * Has {@code rootKey} certify what {@code rootSubnetTree} (the root subnet's state tree, which lists
     * every subnet) says about {@code subnetId}.
     */
    public static SubnetDelegation issue(HashTree rootSubnetTree, byte[] subnetId, BlsRootKey rootKey) {
        List<List<byte[]>> paths = List.of(
                List.of(SUBNET, subnetId, PUBLIC_KEY),
                List.of(SUBNET, subnetId, CANISTER_RANGES),
                List.of(CANISTER_RANGES, subnetId));
        return new SubnetDelegation(subnetId.clone(), Certificates.certifyPaths(rootSubnetTree, paths, rootKey));
    }

    /** The CBOR map {@code {subnet_id, certificate}} of the certificate's {@code delegation} field. */
    public Map<String, Object> toCbor() {
        Map<String, Object> delegation = new LinkedHashMap<>();
        delegation.put("subnet_id", subnetId.clone());
        delegation.put("certificate", certificate.clone());
        return delegation;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
