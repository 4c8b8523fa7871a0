package org.negotiatetcp.framing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates files of the project's shared directory: the {@code shared.dir} system property (set by the parent POM),
 * else {@code ../shared} next to the project root (the {@code project.root} property or the first directory upwards
 * from the working directory that holds {@code mvnw}).
 */
final class SharedFiles {

	private SharedFiles() {
	}

	/**
	 * Return the path of {@code relative} inside the shared directory.
	 */
	static Path locate(String relative) {
		String sharedDir = System.getProperty("shared.dir");
		if (sharedDir != null && Files.isDirectory(Path.of(sharedDir))) {
			return Path.of(sharedDir).resolve(relative);
		}
		return projectRoot().resolve("../shared").normalize().resolve(relative);
	}

	private static Path projectRoot() {
		String root = System.getProperty("project.root");
		if (root != null) {
			return Path.of(root);
		}
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException("Cannot find the project root (a directory with mvnw) above "
					+ Path.of("").toAbsolutePath() + "; set -Dshared.dir");
		}
		return dir;
	}

}
