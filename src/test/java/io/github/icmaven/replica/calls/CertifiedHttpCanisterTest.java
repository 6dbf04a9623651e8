package io.github.icmaven.replica.calls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.icmaven.candid.Candid;
import io.github.icmaven.candid.DidFile;
import io.github.icmaven.candid.IdlType;
import io.github.icmaven.candid.IdlValue;
import io.github.icmaven.ic.Principal;
import io.github.icmaven.testcanisters.TestReplica;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ic4j.agent.certification.Certificate;
import org.ic4j.agent.certification.hashtree.HashTree;
import org.ic4j.agent.certification.hashtree.Label;
import org.ic4j.agent.certification.hashtree.LookupResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real Rust canister that serves certified HTTP (icp-cli's Candid UI canister): its {@code http_request}
 * query reads the data certificate, and the response's {@code IC-Certificate} header verifies as a
 * boundary node checks it.
 */
class CertifiedHttpCanisterTest {
    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory()).registerModule(new Jdk8Module());
    private static final IdlType.Func HTTP_REQUEST = DidFile.parse("""
            type HeaderField = record { text; text };
            service : {
              http_request : (record { method : text; url : text; headers : vec HeaderField; body : blob })
                  -> (record { status_code : nat16; headers : vec HeaderField; body : blob }) query;
            }""").method("http_request");
    private static final Pattern CERTIFICATE_HEADER = Pattern.compile("certificate=:([^:]*):, tree=:([^:]*):");

    @RegisterExtension
    static final TestReplica replica = new TestReplica();

    @Test
    void httpRequestAnswersWithAnIcCertificateHeaderThatVerifies() throws Exception {
        Principal canister = CallTestCanisters.install(replica.client(), IcpCliCanisters.candidUi(), List.of());

        IdlValue request = IdlValue.record(IdlValue.field("method", IdlValue.text("GET")),
                IdlValue.field("url", IdlValue.text("/")), IdlValue.field("headers", IdlValue.vec()),
                IdlValue.field("body", IdlValue.blob(new byte[0])));
        IdlValue response = Candid.decode(replica.client().callQuery(canister, "http_request",
                Candid.encode(HTTP_REQUEST.args(), List.of(request))), HTTP_REQUEST.results()).get(0);

        Map<String, String> headers = new LinkedHashMap<>();
        response.field("headers").asVec().forEach(h -> headers.put(
                h.field(0).asText().toLowerCase(java.util.Locale.ROOT), h.field(1).asText()));
        assertEquals(200, response.field("status_code").asLong(), headers.toString());
        String header = headers.get("ic-certificate");
        Matcher parts = CERTIFICATE_HEADER.matcher(String.valueOf(header));
        assertTrue(parts.find(), "IC-Certificate header: " + header);
        Certificate certificate = CBOR.readValue(Base64.getDecoder().decode(parts.group(1)), Certificate.class);
        HashTree assets = CBOR.readValue(Base64.getDecoder().decode(parts.group(2)), HashTree.class);

        assertTrue(CallTestCanisters.signedByRootKey(certificate, replica.rootKeyDer()),
                "the certificate is signed by the replica's root key");
        LookupResult certifiedData = certificate.tree.lookupPath(new ArrayList<>(List.of(new Label("canister"),
                new Label(canister.bytes()), new Label("certified_data"))));
        assertArrayEquals(assets.digest(), certifiedData.value, "the asset tree is what the canister certified");
    }
}
