package io.github.icmaven.core.ic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.github.icmaven.core.ic.transport.CborBodies;
import java.util.Optional;
import org.ic4j.agent.certification.Certificate;
import org.ic4j.agent.replicaapi.Envelope;
import org.ic4j.agent.replicaapi.QueryContent;

/**
 * Loads, on a background thread, the classes the first request needs: ic4j's Jackson CBOR mapping of envelopes
 * and certificates (some 700 classes). In a fresh JVM, as every {@code mvn deploy} is, that loading is most of
 * preflight's own work; done while the main thread reads the module and loads the identity, the first request
 * finds it done. Best effort: a failure here changes nothing but the timing.
 */
public final class ClientWarmUp {
    private ClientWarmUp() {}

    public static void startInBackground() {
        Thread thread = new Thread(() -> {
            try {
                warmUp();
            } catch (Exception | LinkageError ignored) {
                // Only the timing depends on it.
            }
        }, "ic-client-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Serializes a query envelope and decodes a certificate as ic4j does, with throwaway values. */
    static void warmUp() throws Exception {
        ObjectMapper mapper = new ObjectMapper(new CBORFactory()).registerModule(new Jdk8Module());
        QueryContent content = new QueryContent();
        content.queryRequest = content.new QueryRequest();
        content.queryRequest.ingressExpiry = 0L;
        content.queryRequest.sender = org.ic4j.types.Principal.anonymous();
        content.queryRequest.canisterId = org.ic4j.types.Principal.managementCanister();
        content.queryRequest.methodName = "canister_status";
        content.queryRequest.arg = new byte[0];
        Envelope<QueryContent> envelope = new Envelope<>();
        envelope.content = content;
        envelope.senderPubkey = Optional.empty();
        envelope.senderSig = Optional.empty();
        mapper.writerFor(Envelope.class).withAttribute("request_type", "query").writeValueAsBytes(envelope);
        // The smallest certificate: an empty tree and a signature.
        byte[] certificate = {(byte) 0xa2, 0x64, 't', 'r', 'e', 'e', (byte) 0x81, 0x00,
                0x69, 's', 'i', 'g', 'n', 'a', 't', 'u', 'r', 'e', 0x40};
        CborBodies.decode(certificate, Certificate.class);
        Class.forName("org.ic4j.agent.Agent");
    }
}
