/**
 * The load harness: the project and its anchors (plain Reactor Netty TCP, TLS 1.3 with the JDK provider, bare JGSS)
 * measured back to back in one JVM, in rounds, and the report and chart of the results.
 */
@NullMarked
package org.negotiatetcp.benchmarks.harness;

import org.jspecify.annotations.NullMarked;
