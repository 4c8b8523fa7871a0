package org.negotiatetcp.benchmarks.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.netty.util.Version;

/**
 * The machine and JVM a run measured on, and the load from elsewhere before and after it.
 *
 * @param started when the run started
 * @param cores the processors the JVM sees
 * @param cpu the processor model
 * @param memory the machine's memory in bytes
 * @param os the operating system
 * @param jvm the JVM and its version
 * @param jvmArguments the JVM's options
 * @param netty the Netty and Reactor Netty versions
 * @param loadBefore the load average before the run
 * @param loadAfter the load average after the run
 */
record Environment(Instant started, int cores, String cpu, long memory, String os, String jvm, String jvmArguments,
		String netty, double loadBefore, double loadAfter) {

	/**
	 * Describe the environment now, before the run.
	 * @param settings the run's settings
	 * @return the environment
	 */
	static Environment before(Settings settings) {
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		String netty = "Netty " + version("netty-common") + ", Reactor Netty "
				+ implementationVersion(reactor.netty.tcp.TcpClient.class);
		return new Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS), Runtime.getRuntime().availableProcessors(),
				cpuModel(), os.getTotalMemorySize(),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
						+ System.getProperty("java.vm.vendor") + ")",
				ManagementFactory.getRuntimeMXBean()
					.getInputArguments()
					.stream()
					.filter((argument) -> !argument.startsWith("-Dbenchmarks."))
					.collect(Collectors.joining(" ")),
				netty,
				os.getSystemLoadAverage(), Double.NaN);
	}

	/**
	 * The same environment with the load average after the run.
	 * @return the environment
	 */
	Environment after() {
		return new Environment(this.started, this.cores, this.cpu, this.memory, this.os, this.jvm, this.jvmArguments,
				this.netty, this.loadBefore, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
	}

	private static String cpuModel() {
		try {
			List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
			for (String line : lines) {
				if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux
		}
		return System.getProperty("os.arch") + " (model unknown)";
	}

	private static String version(String artifact) {
		Version version = Version.identify().get(artifact);
		return (version != null) ? version.artifactVersion() : "unknown";
	}

	private static String implementationVersion(Class<?> type) {
		String version = type.getPackage().getImplementationVersion();
		return (version != null) ? version : "unknown";
	}

}
