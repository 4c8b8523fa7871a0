package org.negotiatetcp.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peer programs shipped as test resources under {@code peers/}, as files on disk (extracted once per JVM when they
 * come from a jar, for example when another module uses the core test-jar), and the on-disk cache for downloaded or
 * compiled peer artefacts.
 */
public final class PeerResources {

	private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

	private PeerResources() {
	}

	/**
	 * A classpath resource as a file.
	 * @param resource the resource name, for example {@code peers/nns_peer.py}
	 * @return a readable file with the resource's content
	 */
	public static Path file(String resource) {
		return EXTRACTED.computeIfAbsent(resource, PeerResources::locate);
	}

	private static Path locate(String resource) {
		URL url = PeerResources.class.getClassLoader().getResource(resource);
		if (url == null) {
			throw new IllegalStateException("Test resource " + resource + " not found on the classpath");
		}
		try {
			if ("file".equals(url.getProtocol())) {
				return Path.of(url.toURI());
			}
			Path directory = Files.createTempDirectory("negotiate-peer-");
			directory.toFile().deleteOnExit();
			Path file = directory.resolve(Path.of(resource).getFileName().toString());
			try (InputStream in = url.openStream()) {
				Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
			}
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot extract " + resource, ex);
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The cache directory for peer artefacts that are expensive to produce (the .NET runtime, compiled C#): the
	 * system property {@code negotiate.cache.dir}, else {@code $XDG_CACHE_HOME/negotiate-tcp}, else
	 * {@code ~/.cache/negotiate-tcp}. {@code .ci/run} fills the same directory.
	 * @return the directory (created if needed)
	 */
	public static Path cacheDirectory() {
		String configured = System.getProperty("negotiate.cache.dir");
		Path directory;
		if (configured != null && !configured.isBlank()) {
			directory = Path.of(configured);
		}
		else {
			String xdg = System.getenv("XDG_CACHE_HOME");
			directory = ((xdg != null && !xdg.isBlank()) ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
				.resolve("negotiate-tcp");
		}
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the peer cache directory " + directory, ex);
		}
	}

}
