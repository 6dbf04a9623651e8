package io.github.icmaven.replica.execution;

import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.ExternalType;
import com.dylibso.chicory.wasm.types.FunctionImport;
import com.dylibso.chicory.wasm.types.FunctionType;
import io.github.icmaven.replica.IcReject;
import io.github.icmaven.replica.execution.wasm64.LoweringException;
import io.github.icmaven.replica.execution.wasm64.Signature;
import io.github.icmaven.replica.execution.wasm64.Wasm64Lowering;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.function.Function;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * The one {@link WasmModule} implementation: decoded, validated, with the Chicory parse cached. A
 * wasm64 module (Motoko's enhanced orthogonal persistence) is lowered to wasm32 for Chicory (see
 * {@link Wasm64Lowering}); hash, metadata and {@link #wasm()} stay those of the module as sent.
 */
final class DecodedWasmModule implements WasmModule {
    /** The IC's limit on a decompressed module; also guards against gzip bombs. */
    static final int MAX_WASM_BYTES = 100 * 1024 * 1024;

    private static final String PUBLIC_PREFIX = "icp:public ";
    private static final String PRIVATE_PREFIX = "icp:private ";
    private static final String EOP_SECTION = "enhanced-orthogonal-persistence";
    private static final String SYSTEM_API_MODULE = "ic0";

    private final byte[] bytesAsSent;
    private final byte[] wasm;
    private final byte[] hash;
    private final String notExecutableReason;
    private final Map<String, byte[]> publicMetadata;
    private final Map<String, byte[]> privateMetadata;
    private final com.dylibso.chicory.wasm.WasmModule parsed;
    private final byte[] wasmWithoutStart;
    private final List<String> exportedFunctions;
    private com.dylibso.chicory.wasm.WasmModule parsedWithoutStart;

    private DecodedWasmModule(byte[] bytesAsSent, byte[] wasm, String notExecutableReason,
            Map<String, byte[]> publicMetadata, Map<String, byte[]> privateMetadata,
            com.dylibso.chicory.wasm.WasmModule parsed, byte[] wasmWithoutStart, List<String> exportedFunctions) {
        this.bytesAsSent = bytesAsSent;
        this.wasm = wasm;
        this.hash = sha256(bytesAsSent);
        this.notExecutableReason = notExecutableReason;
        this.publicMetadata = publicMetadata;
        this.privateMetadata = privateMetadata;
        this.parsed = parsed;
        this.wasmWithoutStart = wasmWithoutStart;
        this.exportedFunctions = exportedFunctions;
    }

    static DecodedWasmModule decode(byte[] bytesAsSent) throws IcReject {
        byte[] sent = bytesAsSent.clone();
        byte[] wasm = isGzip(sent) ? gunzip(sent) : sent;
        WasmBinary binary;
        Map<String, byte[]> publicMetadata = new LinkedHashMap<>();
        Map<String, byte[]> privateMetadata = new LinkedHashMap<>();
        boolean memory64;
        List<String> exportedFunctions;
        try {
            binary = WasmBinary.read(wasm);
            readMetadata(binary, publicMetadata, privateMetadata);
            checkImports(binary.imports());
            memory64 = binary.hasMemory64();
            exportedFunctions = List.copyOf(binary.exportedFunctionNames());
        } catch (WasmBinary.MalformedWasmException e) {
            throw ReplicaErrors.invalidWasm("Failed to decode wasm module: " + e.getMessage());
        }
        com.dylibso.chicory.wasm.WasmModule parsed = null;
        byte[] withoutStart = null;
        byte[] executableWasm = wasm;
        String notExecutableReason = null;
        if (memory64 || needsLowering(wasm)) {
            try {
                executableWasm = Wasm64Lowering.lower(wasm, (module, name) -> SystemApi.MODULE.equals(module)
                        ? SystemApi.servedType(name).map(DecodedWasmModule::signature) : Optional.empty());
                binary = WasmBinary.read(executableWasm);
            } catch (LoweringException | WasmBinary.MalformedWasmException e) {
                executableWasm = null;
                notExecutableReason = e.getMessage();
            }
        }
        if (executableWasm != null) {
            com.dylibso.chicory.wasm.WasmModule chicoryModule = parseWithChicory(executableWasm);
            Optional<String> problem = SystemApi.signatureMismatch(chicoryModule)
                    .or(() -> entryPointTypeProblem(chicoryModule));
            if (problem.isPresent()) {
                throw ReplicaErrors.invalidWasm(problem.get());
            }
            parsed = chicoryModule;
            withoutStart = binary.hasStartSection() ? binary.withoutStartSection() : null;
        }
        return new DecodedWasmModule(sent, wasm, notExecutableReason,
                Collections.unmodifiableMap(publicMetadata), Collections.unmodifiableMap(privateMetadata),
                parsed, withoutStart, exportedFunctions);
    }

    @Override
    public byte[] bytesAsSent() {
        return bytesAsSent.clone();
    }

    @Override
    public byte[] wasm() {
        return wasm.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    @Override
    public boolean executable() {
        return notExecutableReason == null;
    }

    /** Why a wasm64 module could not be lowered to run (null when it runs). */
    String notExecutableReason() {
        return notExecutableReason;
    }

    @Override
    public boolean enhancedOrthogonalPersistence() {
        return privateMetadata.containsKey(EOP_SECTION);
    }

    @Override
    public Map<String, byte[]> publicMetadata() {
        return copyValues(publicMetadata);
    }

    @Override
    public Map<String, byte[]> privateMetadata() {
        return copyValues(privateMetadata);
    }

    /** Names of exported functions (entry points such as {@code canister_update inc}). */
    List<String> exportedFunctions() {
        return exportedFunctions;
    }

    /** Names exported as {@code canister_update <name>}. */
    Set<String> updateMethods() {
        return EntryPoints.updateMethods(exportedFunctions);
    }

    /** Names exported as {@code canister_query <name>} or {@code canister_composite_query <name>}. */
    Set<String> queryMethods() {
        return EntryPoints.queryMethods(exportedFunctions);
    }

    /** The Chicory parse; only for executable modules. */
    com.dylibso.chicory.wasm.WasmModule parsed() {
        return parsed;
    }

    /** The Chicory parse of the module minus its start section, for re-creating instances without running code. */
    synchronized com.dylibso.chicory.wasm.WasmModule parsedWithoutStart() throws IcReject {
        if (wasmWithoutStart == null) {
            return parsed;
        }
        if (parsedWithoutStart == null) {
            parsedWithoutStart = parseWithChicory(wasmWithoutStart);
        }
        return parsedWithoutStart;
    }

    /** A 64-bit table without a 64-bit memory also needs lowering; a module the lowering cannot read is left to Chicory. */
    private static boolean needsLowering(byte[] wasm) {
        try {
            return Wasm64Lowering.needed(wasm);
        } catch (LoweringException e) {
            return false;
        }
    }

    private static Signature signature(FunctionType type) {
        Function<List<com.dylibso.chicory.wasm.types.ValType>, List<Integer>> codes =
                types -> types.stream().map(com.dylibso.chicory.wasm.types.ValType::opcode).toList();
        return new Signature(codes.apply(type.params()), codes.apply(type.returns()));
    }

    private static com.dylibso.chicory.wasm.WasmModule parseWithChicory(byte[] wasm) throws IcReject {
        try {
            return Parser.parse(wasm);
        } catch (RuntimeException e) {
            throw ReplicaErrors.invalidWasm("Failed to decode wasm module: " + e.getMessage());
        }
    }

    /** The IC requires every {@code canister_*} export to have type {@code () -> ()}. */
    private static Optional<String> entryPointTypeProblem(com.dylibso.chicory.wasm.WasmModule module) {
        int importedFunctions = module.importSection().count(ExternalType.FUNCTION);
        for (int i = 0; i < module.exportSection().exportCount(); i++) {
            Export export = module.exportSection().getExport(i);
            if (export.exportType() != ExternalType.FUNCTION || !export.name().startsWith("canister_")) {
                continue;
            }
            int index = export.index();
            FunctionType type;
            if (index < importedFunctions) {
                FunctionImport imported = (FunctionImport) module.importSection().stream()
                        .filter(im -> im instanceof FunctionImport).skip(index).findFirst().orElseThrow();
                type = module.typeSection().getType(imported.typeIndex());
            } else {
                type = module.functionSection().getFunctionType(index - importedFunctions, module.typeSection());
            }
            if (!type.params().isEmpty() || !type.returns().isEmpty()) {
                return Optional.of("Wasm module has an invalid function signature. Expected type () -> () for"
                        + " exported function '" + export.name() + "'.");
            }
        }
        return Optional.empty();
    }

    private static void readMetadata(WasmBinary binary, Map<String, byte[]> publicMetadata,
            Map<String, byte[]> privateMetadata) {
        for (WasmBinary.Section section : binary.sections()) {
            if (!section.isCustom() || !section.customName().startsWith("icp:")) {
                continue;
            }
            String name = section.customName();
            Map<String, byte[]> target;
            String key;
            if (name.startsWith(PUBLIC_PREFIX)) {
                target = publicMetadata;
                key = name.substring(PUBLIC_PREFIX.length());
            } else if (name.startsWith(PRIVATE_PREFIX)) {
                target = privateMetadata;
                key = name.substring(PRIVATE_PREFIX.length());
            } else {
                throw new WasmBinary.MalformedWasmException("Invalid custom section: Custom section '" + name
                        + "' has no public/private scope defined.");
            }
            if (publicMetadata.containsKey(key) || privateMetadata.containsKey(key)) {
                throw new WasmBinary.MalformedWasmException("Invalid custom section: Duplicate custom section named "
                        + key + ".");
            }
            target.put(key, binary.customContent(section));
        }
    }

    /** The IC only links functions of module "ic0"; anything else can never be satisfied. */
    private static void checkImports(List<WasmBinary.Import> imports) {
        for (WasmBinary.Import anImport : imports) {
            boolean systemApiFunction = SYSTEM_API_MODULE.equals(anImport.module())
                    && anImport.kind() == WasmBinary.Import.FUNCTION;
            if (!systemApiFunction) {
                throw new WasmBinary.MalformedWasmException("Wasm module has an invalid import section. Module imports "
                        + "'" + anImport.name() + "' from '" + anImport.module() + "' that is not exported by the runtime.");
            }
        }
    }

    private static boolean isGzip(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b && bytes[2] == 0x08;
    }

    private static byte[] gunzip(byte[] gzip) throws IcReject {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(gzip.length * 4);
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + n > MAX_WASM_BYTES) {
                    throw ReplicaErrors.invalidWasm("Failed to decompress the gzip-compressed Wasm module: it exceeds "
                            + MAX_WASM_BYTES + " bytes when decompressed");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw ReplicaErrors.invalidWasm("Failed to decompress the gzip-compressed Wasm module: " + e.getMessage());
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Map<String, byte[]> copyValues(Map<String, byte[]> map) {
        Map<String, byte[]> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, v.clone()));
        return Collections.unmodifiableMap(copy);
    }
}
