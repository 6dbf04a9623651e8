package io.github.icmaven.maven;

/**
 * The {@code canister} packaging ({@code META-INF/plexus/components.xml}, active with
 * {@code <extensions>true</extensions>}): the project's artifact is its module, type {@code canister},
 * extension {@code wasm} (the bytes as built: raw wasm or gzip, both installable).
 */
final class CanisterPackaging {
    static final String ID = "canister";

    private CanisterPackaging() {}
}
