package io.github.icmaven.core.ic.identity;

import io.github.icmaven.testcanisters.TestIdentities;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Loading BouncyCastle costs a fresh JVM (every {@code mvn deploy}) about 150 ms, so an Ed25519 PEM, the common
 * key, must be loaded and signed with without it. Each case runs {@link LoadAndSign} in its own JVM that logs
 * every class it loads: this test JVM has long loaded BouncyCastle for other tests.
 */
class Ed25519WithoutBouncyCastleTest {
    private static final String BOUNCY_CASTLE_CLASS = " org.bouncycastle.";

    @TempDir
    Path dir;

    @Test
    void opensslEd25519PemLoadsAndSignsWithoutBouncyCastle() throws Exception {
        byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        assertEquals(List.of(), bouncyCastleClassesLoadedToSignWith(TestIdentities.pem("PRIVATE KEY", pkcs8)));
    }

    @Test
    void dfxEd25519PemLoadsAndSignsWithoutBouncyCastle() throws Exception {
        byte[] seed = new byte[32];
        byte[] dfx = IdentityLoaderTest.concat(HexFormat.of().parseHex("3053020101300506032b657004220420"), seed,
                HexFormat.of().parseHex("a123032100"), HexFormat.of().parseHex(
                        "3b6a27bcceb6a42d62a3a8d02a6f0d73653215771de243a63ac048a18b59da29")); // the public key of 32 zero bytes
        assertEquals(List.of(), bouncyCastleClassesLoadedToSignWith(TestIdentities.pem("PRIVATE KEY", dfx)));
    }

    /** The probe sees BouncyCastle when it is loaded: a secp256k1 key needs it. */
    @Test
    void secp256k1PemDoesLoadBouncyCastle() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", new BouncyCastleProvider());
        generator.initialize(new ECGenParameterSpec("secp256k1"));
        String pem = TestIdentities.pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded());
        assertFalse(bouncyCastleClassesLoadedToSignWith(pem).isEmpty());
    }

    /**
     * The BouncyCastle classes (at most 5, as class-loading log lines) a fresh JVM loaded to load {@code pem} and
     * sign with it (checked to have done so).
     */
    private List<String> bouncyCastleClassesLoadedToSignWith(String pem) throws IOException, InterruptedException {
        Path pemFile = Files.writeString(dir.resolve("identity.pem"), pem);
        Path output = dir.resolve("jvm.log");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xlog:class+load=info:stdout",
                "-cp", System.getProperty("java.class.path"), LoadAndSign.class.getName(), pemFile.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!jvm.waitFor(60, TimeUnit.SECONDS)) {
            jvm.destroyForcibly();
            fail("the probe JVM did not finish within 60 s");
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
        assertEquals(0, jvm.exitValue(), () -> String.join("\n", lines.stream().filter(l -> !l.contains("[class,load]")).toList()));
        assertTrue(lines.contains(LoadAndSign.SIGNED), "the probe loaded the key and signed");
        assertTrue(lines.stream().anyMatch(line -> line.contains(" " + IdentityLoader.class.getName() + " ")),
                "the log lists loaded classes");
        return lines.stream().filter(line -> line.contains(BOUNCY_CASTLE_CLASS)).limit(5).toList();
    }

    /** Loads the identity of a PEM file and signs one message, as a deploy does. */
    static final class LoadAndSign {
        static final String SIGNED = "signed with a 64-byte signature";

        public static void main(String[] args) throws Exception {
            byte[] signature = new IdentityLoader(Path.of(args[0]).getParent()).fromPemFile(Path.of(args[0]))
                    .identity().sign(new byte[] {1, 2, 3}).signature.orElseThrow();
            if (signature.length == 64) {
                System.out.println(SIGNED);
            }
        }
    }
}
