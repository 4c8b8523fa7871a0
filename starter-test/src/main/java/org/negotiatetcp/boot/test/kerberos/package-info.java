/**
 * An embedded Kerberos realm for tests: {@link org.negotiatetcp.boot.test.kerberos.EmbeddedKerberos} starts an in-JVM
 * KDC (Apache Kerby), creates the declared principals and keytabs, injects a
 * {@link org.negotiatetcp.boot.test.kerberos.KerberosRealm} and configures the starter of a {@code @SpringBootTest}.
 */
@NullMarked
package org.negotiatetcp.boot.test.kerberos;

import org.jspecify.annotations.NullMarked;
