package io.github.icmaven.replica.state;

import io.github.icmaven.ic.Principal;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.CanisterInstance;
import io.github.icmaven.replica.execution.CanisterState;
import io.github.icmaven.replica.execution.ExecutionEngine;
import io.github.icmaven.replica.execution.Global;
import io.github.icmaven.replica.execution.WasmModule;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Saves the whole replica state to a directory and loads it back, in plain files (properties and
 * raw binaries). A save is written to {@code <dir>/next} and then swapped in by renames, so a crash
 * mid-save leaves the previous save loadable ({@code current}, or {@code previous} if the crash hit
 * between the two renames).
 */
public final class ReplicaStore {
    private static final String CURRENT = "current";
    private static final String NEXT = "next";
    private static final String PREVIOUS = "previous";

    private final ExecutionEngine engine;
    private final ModuleDecoder decoder;

    public ReplicaStore(ExecutionEngine engine, ModuleDecoder decoder) {
        this.engine = engine;
        this.decoder = decoder;
    }

    /** Whether {@code dir} holds a save that {@link #load} can read. */
    public boolean hasSave(Path dir) {
        return Files.isDirectory(dir.resolve(CURRENT)) || Files.isDirectory(dir.resolve(PREVIOUS));
    }

    /** Saves under the state's lock, so the save is a consistent cut and saves do not interleave. */
    public void save(ReplicaState state, Path dir) throws IOException {
        synchronized (state) {
            Files.createDirectories(dir);
            Path next = dir.resolve(NEXT);
            deleteRecursively(next);
            Files.createDirectories(next);
            writeState(state, next);
            Path current = dir.resolve(CURRENT);
            Path previous = dir.resolve(PREVIOUS);
            deleteRecursively(previous);
            if (Files.exists(current)) {
                Files.move(current, previous, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(next, current, StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(previous);
        }
    }

    /**
     * Loads the last complete save, re-creating instances with {@link ExecutionEngine#restore}.
     *
     * @throws IOException when there is no save or it cannot be read
     * @throws IcReject when a saved module no longer decodes or restores
     */
    public ReplicaState load(Path dir, LongSupplier timeNanos) throws IOException, IcReject {
        Path from = Files.isDirectory(dir.resolve(CURRENT)) ? dir.resolve(CURRENT) : dir.resolve(PREVIOUS);
        if (!Files.isDirectory(from)) {
            throw new IOException("no saved replica state in " + dir);
        }
        Properties top = readProperties(from.resolve("state.properties"));
        ReplicaState state = new ReplicaState(Long.parseLong(top.getProperty("nextCanisterIndex")), timeNanos);
        for (String hex : list(top.getProperty("canisters"))) {
            state.add(readCanister(from.resolve("canisters").resolve(hex)));
        }
        return state;
    }

    // ---- writing ----

    private void writeState(ReplicaState state, Path root) throws IOException {
        List<String> ids = new ArrayList<>();
        for (Canister canister : state.canisters()) {
            String hex = HexFormat.of().formatHex(canister.id().bytes());
            ids.add(hex);
            writeCanister(canister, root.resolve("canisters").resolve(hex));
        }
        Properties top = new Properties();
        top.setProperty("nextCanisterIndex", Long.toString(state.nextCanisterIndex()));
        top.setProperty("canisters", String.join(",", ids));
        writeProperties(root.resolve("state.properties"), top);
    }

    private void writeCanister(Canister c, Path dir) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("id", c.id().toText());
        p.setProperty("controllers", String.join(",", c.controllers().stream().map(Principal::toText).toList()));
        p.setProperty("status", c.status().name());
        p.setProperty("version", Long.toString(c.version()));
        p.setProperty("cycles", c.cycles().toString());
        p.setProperty("nextSnapshotLocalId", Long.toUnsignedString(c.nextSnapshotLocalId()));
        writeSettings(c.settings(), p);
        p.setProperty("hasInstance", Boolean.toString(c.instance().isPresent()));
        if (c.instance().isPresent()) {
            CanisterInstance instance = c.instance().get();
            CanisterState s = instance.state();
            writeFile(dir.resolve("module.bin"), instance.module().bytesAsSent());
            writeFile(dir.resolve("heap.bin"), s.wasmMemory());
            writeFile(dir.resolve("stable.bin"), s.stableMemory());
            p.setProperty("globals", encodeGlobals(s.globals()));
            p.setProperty("certifiedData", HexFormat.of().formatHex(s.certifiedData()));
            p.setProperty("globalTimer", s.globalTimer().isPresent() ? Long.toString(s.globalTimer().getAsLong()) : "");
        }
        writeChunks(c.chunkStore(), dir.resolve("chunks"));
        List<String> snapshotIds = new ArrayList<>();
        for (Snapshot snapshot : c.snapshots()) {
            String local = Long.toUnsignedString(snapshot.id().localId());
            snapshotIds.add(local);
            writeSnapshot(snapshot, dir.resolve("snapshots").resolve(local));
        }
        p.setProperty("snapshots", String.join(",", snapshotIds));
        writeProperties(dir.resolve("canister.properties"), p);
    }

    private void writeSnapshot(Snapshot s, Path dir) throws IOException {
        Files.createDirectories(dir);
        writeFile(dir.resolve("module.bin"), s.wasmModule());
        writeFile(dir.resolve("heap.bin"), s.wasmMemory());
        writeFile(dir.resolve("stable.bin"), s.stableMemory());
        writeChunks(s.chunkStore(), dir.resolve("chunks"));
        Properties p = new Properties();
        p.setProperty("source", s.source().name());
        p.setProperty("takenAtNanos", Long.toString(s.takenAtNanos()));
        p.setProperty("canisterVersion", Long.toString(s.canisterVersion()));
        p.setProperty("globals", encodeGlobals(s.globals()));
        p.setProperty("certifiedData", HexFormat.of().formatHex(s.certifiedData()));
        s.globalTimer().ifPresent(t -> p.setProperty("globalTimer",
                t.deadlineNanos().isPresent() ? "active:" + t.deadlineNanos().getAsLong() : "inactive"));
        s.hookStatus().ifPresent(h -> p.setProperty("hookStatus", h.name()));
        writeProperties(dir.resolve("snapshot.properties"), p);
    }

    private static void writeChunks(ChunkStore store, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (ChunkHash hash : store.hashes()) {
            writeFile(dir.resolve(hash.toHex() + ".bin"), store.get(hash).orElseThrow());
        }
    }

    private static void writeSettings(CanisterSettings s, Properties p) {
        p.setProperty("settings.computeAllocation", s.computeAllocation().toString());
        p.setProperty("settings.memoryAllocation", s.memoryAllocation().toString());
        p.setProperty("settings.freezingThreshold", s.freezingThreshold().toString());
        p.setProperty("settings.reservedCyclesLimit", s.reservedCyclesLimit().toString());
        p.setProperty("settings.minimumIncomingCanisterCallCycles", s.minimumIncomingCanisterCallCycles().toString());
        p.setProperty("settings.logVisibility", encodeVisibility(s.logVisibility()));
        p.setProperty("settings.snapshotVisibility", encodeVisibility(s.snapshotVisibility()));
        p.setProperty("settings.statusVisibility", encodeVisibility(s.statusVisibility()));
        p.setProperty("settings.wasmMemoryLimit", s.wasmMemoryLimit().toString());
        p.setProperty("settings.wasmMemoryThreshold", s.wasmMemoryThreshold().toString());
        p.setProperty("settings.env.count", Integer.toString(s.environmentVariables().size()));
        for (int i = 0; i < s.environmentVariables().size(); i++) {
            p.setProperty("settings.env." + i + ".name", s.environmentVariables().get(i).name());
            p.setProperty("settings.env." + i + ".value", s.environmentVariables().get(i).value());
        }
    }

    // ---- reading ----

    private Canister readCanister(Path dir) throws IOException, IcReject {
        Properties p = readProperties(dir.resolve("canister.properties"));
        Principal id = Principal.fromText(p.getProperty("id"));
        List<Principal> controllers = list(p.getProperty("controllers")).stream().map(Principal::fromText).toList();
        Canister c = new Canister(id, controllers, new BigInteger(p.getProperty("cycles")));
        c.setStatus(CanisterStatus.valueOf(p.getProperty("status")));
        c.setVersion(Long.parseLong(p.getProperty("version")));
        c.setNextSnapshotLocalId(Long.parseUnsignedLong(p.getProperty("nextSnapshotLocalId")));
        c.setSettings(readSettings(p));
        c.setChunkStore(readChunks(dir.resolve("chunks")));
        if (Boolean.parseBoolean(p.getProperty("hasInstance"))) {
            WasmModule module = decoder.decode(Files.readAllBytes(dir.resolve("module.bin")));
            String timer = p.getProperty("globalTimer", "");
            CanisterState s = new CanisterState(
                    Files.readAllBytes(dir.resolve("heap.bin")),
                    Files.readAllBytes(dir.resolve("stable.bin")),
                    decodeGlobals(p.getProperty("globals")),
                    HexFormat.of().parseHex(p.getProperty("certifiedData")),
                    timer.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(timer)));
            c.setInstance(engine.restore(module, s));
        }
        for (String local : list(p.getProperty("snapshots"))) {
            c.putSnapshot(readSnapshot(new SnapshotId(id, Long.parseUnsignedLong(local)),
                    dir.resolve("snapshots").resolve(local)));
        }
        return c;
    }

    private static Snapshot readSnapshot(SnapshotId id, Path dir) throws IOException {
        Properties p = readProperties(dir.resolve("snapshot.properties"));
        String timer = p.getProperty("globalTimer");
        Optional<GlobalTimer> globalTimer = timer == null
                ? Optional.empty()
                : Optional.of(timer.equals("inactive")
                        ? GlobalTimer.INACTIVE
                        : GlobalTimer.active(Long.parseLong(timer.substring("active:".length()))));
        String hook = p.getProperty("hookStatus");
        return new Snapshot(
                id,
                Snapshot.Source.valueOf(p.getProperty("source")),
                Long.parseLong(p.getProperty("takenAtNanos")),
                Long.parseLong(p.getProperty("canisterVersion")),
                Files.readAllBytes(dir.resolve("module.bin")),
                Files.readAllBytes(dir.resolve("heap.bin")),
                Files.readAllBytes(dir.resolve("stable.bin")),
                decodeGlobals(p.getProperty("globals")),
                HexFormat.of().parseHex(p.getProperty("certifiedData")),
                globalTimer,
                hook == null ? Optional.empty() : Optional.of(LowWasmMemoryHookStatus.valueOf(hook)),
                readChunks(dir.resolve("chunks")));
    }

    private static ChunkStore readChunks(Path dir) throws IOException {
        ChunkStore store = new ChunkStore();
        if (!Files.isDirectory(dir)) {
            return store;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                byte[] chunk = Files.readAllBytes(file);
                ChunkHash hash;
                try {
                    hash = store.insert(chunk);
                } catch (ChunkStore.ChunkRejected e) {
                    throw new IOException("saved chunk " + file + " is not acceptable: " + e.getMessage());
                }
                if (!(hash.toHex() + ".bin").equals(file.getFileName().toString())) {
                    throw new IOException("saved chunk " + file + " does not match its hash " + hash);
                }
            }
        }
        return store;
    }

    private static CanisterSettings readSettings(Properties p) {
        List<EnvironmentVariable> env = new ArrayList<>();
        int count = Integer.parseInt(p.getProperty("settings.env.count", "0"));
        for (int i = 0; i < count; i++) {
            env.add(new EnvironmentVariable(
                    p.getProperty("settings.env." + i + ".name"), p.getProperty("settings.env." + i + ".value")));
        }
        return new CanisterSettings(
                new BigInteger(p.getProperty("settings.computeAllocation")),
                new BigInteger(p.getProperty("settings.memoryAllocation")),
                new BigInteger(p.getProperty("settings.freezingThreshold")),
                new BigInteger(p.getProperty("settings.reservedCyclesLimit")),
                new BigInteger(p.getProperty("settings.minimumIncomingCanisterCallCycles")),
                decodeVisibility(p.getProperty("settings.logVisibility")),
                decodeVisibility(p.getProperty("settings.snapshotVisibility")),
                decodeVisibility(p.getProperty("settings.statusVisibility")),
                new BigInteger(p.getProperty("settings.wasmMemoryLimit")),
                new BigInteger(p.getProperty("settings.wasmMemoryThreshold")),
                env);
    }

    // ---- encodings ----

    private static String encodeVisibility(Visibility v) {
        if (v.kind() != Visibility.Kind.ALLOWED_VIEWERS) {
            return v.kind().name();
        }
        return v.kind().name() + ":" + String.join(",", v.allowedViewers().stream().map(Principal::toText).toList());
    }

    private static Visibility decodeVisibility(String s) {
        if (s.startsWith(Visibility.Kind.ALLOWED_VIEWERS.name())) {
            String viewers = s.substring(Visibility.Kind.ALLOWED_VIEWERS.name().length() + 1);
            return Visibility.allowedViewers(list(viewers).stream().map(Principal::fromText).toList());
        }
        return Visibility.Kind.valueOf(s) == Visibility.Kind.PUBLIC ? Visibility.PUBLIC : Visibility.CONTROLLERS;
    }

    private static String encodeGlobals(List<Global> globals) {
        return String.join(",", globals.stream().map(g -> g.type().name() + ":" + g.bits()).toList());
    }

    private static List<Global> decodeGlobals(String s) {
        return list(s).stream().map(item -> {
            int colon = item.indexOf(':');
            return new Global(Global.Type.valueOf(item.substring(0, colon)), Long.parseLong(item.substring(colon + 1)));
        }).toList();
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(commaSeparated.split(","));
    }

    // ---- files ----

    private static void writeProperties(Path file, Properties p) throws IOException {
        StringWriter out = new StringWriter();
        p.store(out, null);
        writeFile(file, out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static Properties readProperties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    /** Writes and forces to disk, so the renames in {@link #save} only ever publish complete files. */
    private static void writeFile(Path file, byte[] data) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
