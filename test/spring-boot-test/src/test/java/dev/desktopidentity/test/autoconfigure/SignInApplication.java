package dev.desktopidentity.test.autoconfigure;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application the tests run: the starter's auto-configuration and the settings in
 * {@code application.properties}, which name a real Microsoft Entra tenant that the tests
 * must never reach.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class SignInApplication {

}
