package io.github.icmaven.core.upgrade;

import io.github.icmaven.core.ic.identity.IdentityLoader;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The build that dies: runs a group upgrade in its own JVM and freezes when the Nth step of a name starts
 * (after the journal was written), printing {@code FROZEN} so that {@link CrashRecoveryTest} can kill -9 it
 * there. Arguments: network, PEM file, journal directory, {@code step:N}, health method or {@code -}, then
 * {@code canisterId=wasmPath} for each canister.
 */
public final class UpgradeUntilKilled {
    private UpgradeUntilKilled() {}

    public static void main(String[] args) throws Exception {
        String network = args[0];
        Path pem = Path.of(args[1]);
        Path journalDirectory = Path.of(args[2]);
        String freezeStep = args[3].substring(0, args[3].indexOf(':'));
        int freezeAt = Integer.parseInt(args[3].substring(args[3].indexOf(':') + 1));
        HealthCheckConfig health = args[4].equals("-") ? null
                : new HealthCheckConfig(args[4], null, null, true, Duration.ZERO);
        List<UpgradeConfig> canisters = new ArrayList<>();
        for (int i = 5; i < args.length; i++) {
            String[] idAndWasm = args[i].split("=", 2);
            canisters.add(UpgradeConfig.of(new TargetConfig(network, idAndWasm[0], null, null, IdentityConfig.pemFile(pem)),
                    Path.of(idAndWasm[1])).toBuilder().healthCheck(health).build());
        }
        UpgradeListener freezer = new UpgradeListener() {
            private int seen;

            @Override
            public void stepStarted(String step) {
                if (step.equals(freezeStep) && ++seen == freezeAt) {
                    System.out.println("FROZEN " + step + " " + freezeAt);
                    System.out.flush();
                    awaitKill();
                }
            }
        };
        GroupResult result = new UpgradePipeline(freezer, new IdentityLoader(pem.getParent()), name -> null)
                .run(new GroupConfig(canisters, journalDirectory));
        System.out.println("ENDED " + result.outcome() + " without reaching " + args[3]);
    }

    private static void awaitKill() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
