/**
 * Startup diagnostics of the Spring Security bridge: security beans that are ambiguous stop the application with a
 * Spring Boot failure analysis that names the beans and the fix. Nothing here needs Spring Security on the class
 * path.
 */
@NullMarked
package org.negotiatetcp.boot.security.diagnostics;

import org.jspecify.annotations.NullMarked;
