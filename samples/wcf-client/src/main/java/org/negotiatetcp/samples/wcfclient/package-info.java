/**
 * Sample: a client of a WCF net.tcp service.
 */
@NullMarked
package org.negotiatetcp.samples.wcfclient;

import org.jspecify.annotations.NullMarked;
