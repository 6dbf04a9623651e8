package io.github.icmaven.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/** Where and when the figures were taken: date, CPUs, memory, Java, and how busy the machine was. */
record MachineReport(LocalDate date, int cpus, String cpuModel, long memoryMiB, String java, String loadAverage) {

    static MachineReport now() throws IOException {
        String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst().orElse("unknown");
        long memoryKiB = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(l -> l.startsWith("MemTotal:")).map(l -> Long.parseLong(l.replaceAll("\\D", "")))
                .findFirst().orElse(0L);
        String load = String.join(" ", List.of(Files.readString(Path.of("/proc/loadavg")).trim().split(" ")).subList(0, 3));
        return new MachineReport(LocalDate.now(), Runtime.getRuntime().availableProcessors(), model, memoryKiB / 1024,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"), load);
    }

    String markdown(String loadAverageAtEnd) {
        return "Taken " + date + " on " + cpus + " CPUs (" + cpuModel + "), " + memoryMiB + " MiB RAM, " + java
                + "; load average (1, 5, 15 min) " + loadAverage + " at the start, " + loadAverageAtEnd + " at the end.\n";
    }
}
