package org.negotiatetcp.soap.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.negotiatetcp.testsupport.Executables;
import org.negotiatetcp.testsupport.PeerProcess;
import org.negotiatetcp.testsupport.PeerResources;

/**
 * Mono's WCF as a peer: {@code peers/mono-wcf/WcfPeer.cs} (a {@code ServiceHost} and a {@code ChannelFactory<T>}
 * client with {@code NetTcpBinding(SecurityMode.None)} and the contract of {@link Calculator}), compiled by
 * {@code mcs -r:System.ServiceModel.dll} into a folder of the caller's, run by {@code mono}.
 */
final class MonoWcfPeer {

	/** Where Debian's {@code libmono-system-servicemodel4.0a-cil} puts Mono's WCF. */
	static final Path SERVICE_MODEL = Path.of("/usr/lib/mono/4.5/System.ServiceModel.dll");

	/** UTF-8 on the console, whatever this JVM's environment says. */
	private static final Map<String, String> ENVIRONMENT = Map.of("LANG", "C.UTF-8", "LC_ALL", "C.UTF-8");

	private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(2);

	private final Path program;

	private MonoWcfPeer(Path program) {
		this.program = program;
	}

	/**
	 * Why the peer cannot run here, for a test's skip message.
	 * @return the reason, or an empty string when {@code mcs}, {@code mono} and Mono's WCF are installed
	 */
	static String unavailableReason() {
		List<String> problems = new ArrayList<>();
		if (Executables.find("mcs").isEmpty()) {
			problems.add("mcs not found (install the Debian package mono-mcs)");
		}
		if (Executables.find("mono").isEmpty()) {
			problems.add("mono not found (install the Debian package mono-runtime)");
		}
		if (!Files.isRegularFile(SERVICE_MODEL)) {
			problems.add(SERVICE_MODEL + " not found (install the Debian package libmono-system-servicemodel4.0a-cil)");
		}
		return String.join("; ", problems);
	}

	/**
	 * Compiles the peer program.
	 * @param directory where {@code WcfPeer.exe} goes
	 * @return the peer
	 */
	static MonoWcfPeer compile(Path directory) {
		Path exe = directory.resolve("WcfPeer.exe");
		String mcs = Executables.find("mcs").orElseThrow().toString();
		Executables
			.run(List.of(mcs, "-nologo", "-target:exe", "-r:System.ServiceModel.dll",
					"-r:System.Runtime.Serialization.dll", "-out:" + exe,
					PeerResources.file("peers/mono-wcf/WcfPeer.cs").toString()), Map.of(), null, COMPILE_TIMEOUT)
			.requireSuccess();
		if (!Files.isRegularFile(exe)) {
			throw new UncheckedIOException(new IOException("mcs did not write " + exe));
		}
		return new MonoWcfPeer(exe);
	}

	/**
	 * Starts the WCF service; {@link PeerProcess#port()} is its port, its address
	 * {@code net.tcp://127.0.0.1:<port>/calculator}.
	 * @return the running service (stop it with {@link PeerProcess#close()})
	 */
	PeerProcess service() {
		return PeerProcess.start("mono-wcf-service", command("service"), ENVIRONMENT, null);
	}

	/**
	 * Starts the WCF client, which calls every operation once on one channel and exits.
	 * @param address the service's address
	 * @return the running client
	 */
	PeerProcess client(String address) {
		return PeerProcess.start("mono-wcf-client", command("client", address), ENVIRONMENT, null);
	}

	/**
	 * Starts the WCF service with {@code TransferMode.Streamed} (singleton-unsized mode), at
	 * {@code net.tcp://127.0.0.1:<port>/calculator}.
	 * @return the running service (stop it with {@link PeerProcess#close()})
	 */
	PeerProcess streamedService() {
		return PeerProcess.start("mono-wcf-streamed-service", command("streamed-service"), ENVIRONMENT, null);
	}

	/**
	 * Starts the WCF client with {@code TransferMode.Streamed}, which calls {@code Echo("streamed")} and
	 * {@code Echo("again")}, each on its own channel, and exits.
	 * @param address the service's address
	 * @return the running client
	 */
	PeerProcess streamedClient(String address) {
		return PeerProcess.start("mono-wcf-streamed-client", command("streamed-client", address), ENVIRONMENT, null);
	}

	private List<String> command(String... arguments) {
		List<String> command = new ArrayList<>(List.of(Executables.find("mono").orElseThrow().toString(),
				"--debug", this.program.toString()));
		command.addAll(List.of(arguments));
		return command;
	}

}
