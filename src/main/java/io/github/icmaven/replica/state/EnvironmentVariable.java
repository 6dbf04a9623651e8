package io.github.icmaven.replica.state;

public record EnvironmentVariable(String name, String value) {}
