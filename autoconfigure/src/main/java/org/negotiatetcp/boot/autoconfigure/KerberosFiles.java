package org.negotiatetcp.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.io.ApplicationResourceLoader;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Resolves the location of a keytab or a krb5.conf as a Spring {@link Resource}: a plain path (relative to the working
 * directory), a {@code file:} URL or a {@code classpath:} resource. JGSS reads these files by path, so a resource that
 * is not a file (for example inside a jar) is copied to a temporary file readable only by the current user, deleted
 * when the JVM exits.
 *
 * @author Negotiate TCP
 */
final class KerberosFiles {

	private KerberosFiles() {
	}

	/**
	 * Resolve a location to a readable file.
	 * @param location the location
	 * @param classLoader the class loader for {@code classpath:} locations
	 * @return the file, or {@code null} if the resource does not exist or cannot be read
	 */
	static @Nullable Path resolve(String location, @Nullable ClassLoader classLoader) {
		ResourceLoader loader = ApplicationResourceLoader.get(classLoader);
		Resource resource = loader.getResource(location.trim());
		if (!resource.exists()) {
			return null;
		}
		try {
			if (resource.isFile()) {
				Path file = resource.getFile().toPath();
				return Files.isRegularFile(file) && Files.isReadable(file) ? file : null;
			}
			return copy(resource);
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static Path copy(Resource resource) throws IOException {
		String name = resource.getFilename();
		String suffix = "-" + ((name != null) ? name : "kerberos");
		Path copy;
		try {
			copy = Files.createTempFile("negotiate-tcp-", suffix,
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system (Windows): the temporary directory is the user's own
			copy = Files.createTempFile("negotiate-tcp-", suffix);
		}
		copy.toFile().deleteOnExit();
		// write into the file created above, keeping its owner-only permissions (a replacing copy would not)
		try (InputStream in = resource.getInputStream();
				OutputStream out = Files.newOutputStream(copy, StandardOpenOption.TRUNCATE_EXISTING)) {
			in.transferTo(out);
		}
		return copy;
	}

}
