package dev.desktopidentity.cache;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.microsoft.aad.msal4j.TokenCache;
import com.sun.jna.Library;
import com.sun.jna.NativeMapped;
import com.sun.jna.Structure;
import com.sun.jna.ptr.PointerByReference;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link CacheRuntimeHints}: what the token cache reaches by reflection and
 * proxies is registered for AOT and native images, and stays true to MSAL4J and to the
 * cache's own JNA bindings.
 */
class CacheRuntimeHintsTests {

	private final RuntimeHints hints = registeredHints();

	@Test
	void registrarIsFoundThroughAotFactories() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(CacheRuntimeHints.class);
	}

	@Test
	void hintsWhenRegisteredThenTokenCacheEntryMapsAreAccessibleByReflection() {
		assertThat(TokenCacheContent.ENTRY_MAP_FIELDS).isNotEmpty()
			.allSatisfy((name) -> assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(TokenCache.class, name))
				.accepts(this.hints));
	}

	@Test
	void entryMapsThatAreClearedAreMapFieldsOfMsalTokenCache() throws Exception {
		for (String name : TokenCacheContent.ENTRY_MAP_FIELDS) {
			Field field = TokenCache.class.getDeclaredField(name);
			assertThat(field.getType()).as(name).isAssignableTo(Map.class);
		}
	}

	@Test
	void hintsWhenRegisteredThenEveryJnaLibraryOfTheCacheCanBeProxied() {
		assertThat(jnaLibraries()).contains(LibSecret.class, LibSecret.GLib.class)
			.allSatisfy((library) -> assertThat(RuntimeHintsPredicates.proxies().forInterfaces(library))
				.as(library.getName())
				.accepts(this.hints))
			.allSatisfy((library) -> assertThat(RuntimeHintsPredicates.reflection().onType(library)
				.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS))
				.as(library.getName())
				.accepts(this.hints));
	}

	@Test
	void hintsWhenRegisteredThenEveryNativeMappedTypeOfTheBindingsCanBeCreated() {
		List<Class<?>> created = new ArrayList<>();
		for (Class<?> library : jnaLibraries()) {
			for (Method method : library.getMethods()) {
				assertSignatureCreatableByJna(method);
				signature(method).filter(NativeMapped.class::isAssignableFrom).forEach(created::add);
			}
		}
		assertThat(created).contains(PointerByReference.class);
	}

	@Test
	void hintsWhenRegisteredThenEveryJnaPlatformFunctionOfTheWindowsKeyStoreCanBeCalled() {
		WindowsReach reach = windowsReach();
		assertThat(reach.functions()).contains("com.sun.jna.platform.win32.Crypt32.CryptProtectData",
				"com.sun.jna.platform.win32.Advapi32.OpenProcessToken");
		for (Class<?> library : reach.libraries()) {
			assertThat(RuntimeHintsPredicates.proxies().forInterfaces(library)).as(library.getName())
				.accepts(this.hints);
		}
		for (Method method : reach.methods()) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method)).as(method.toGenericString())
				.accepts(this.hints);
			assertSignatureCreatableByJna(method);
		}
		for (Class<?> structure : reach.structures()) {
			assertCreatableByJna(structure, "created by jna-platform");
		}
		// JNA reads each structure's field order from this annotation
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Structure.FieldOrder.class)).accepts(this.hints);
	}

	@Test
	void hintsWhenJnaPlatformIsMissingThenRegistersNoWindowsBinding() throws Exception {
		RuntimeHints withoutPlatform = new RuntimeHints();
		new CacheRuntimeHints().registerHints(withoutPlatform, new FilteredClassLoader("com.sun.jna.platform"));
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(LibSecret.class)).accepts(withoutPlatform);
		// what libsecret's binding needs does not come from the Windows bindings
		assertThat(RuntimeHintsPredicates.reflection()
			.onConstructorInvocation(PointerByReference.class.getConstructor())).accepts(withoutPlatform);
		assertThat(withoutPlatform.proxies().jdkProxyHints())
			.noneMatch((proxy) -> proxy.getProxiedInterfaces().get(0).getName().startsWith("com.sun.jna.platform"));
	}

	@Test
	void hintsWhenRegisteredThenJnaNativeLibraryIsIncluded() {
		assertThat(RuntimeHintsPredicates.resource().forResource("com/sun/jna/linux-x86-64/libjnidispatch.so"))
			.accepts(this.hints);
		assertThat(getClass().getClassLoader().getResource("com/sun/jna/linux-x86-64/libjnidispatch.so")).isNotNull();
	}

	@Test
	void hintsWhenJnaIsMissingThenRegistersTheTokenCacheAlone() {
		RuntimeHints withoutJna = new RuntimeHints();
		new CacheRuntimeHints().registerHints(withoutJna, new FilteredClassLoader("com.sun.jna"));
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(TokenCache.class, "accessTokens"))
			.accepts(withoutJna);
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(LibSecret.class)).rejects(withoutJna);
		assertThat(withoutJna.resources().resourcePatternHints()).isEmpty();
	}

	private void assertSignatureCreatableByJna(Method method) {
		signature(method).forEach((type) -> assertCreatableByJna(type, method.toGenericString()));
	}

	private static Stream<Class<?>> signature(Method method) {
		return Stream.concat(Stream.of(method.getReturnType()), Stream.of(method.getParameterTypes()));
	}

	/**
	 * Assert that JNA can create or fill a type it meets in a binding's signature by
	 * reflection: a {@link NativeMapped} type through its no-argument constructor (JNA
	 * takes the type's default value from a new instance), a {@link Structure} through
	 * its constructors and public fields, and the types those fields hold.
	 */
	private void assertCreatableByJna(Class<?> type, String where) {
		Class<?> element = type.isArray() ? type.getComponentType() : type;
		if (NativeMapped.class.isAssignableFrom(element)) {
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(noArgumentConstructor(element)))
				.as(element.getName() + " in " + where)
				.accepts(this.hints);
		}
		if (Structure.class.isAssignableFrom(element) && element != Structure.class) {
			assertThat(RuntimeHintsPredicates.reflection().onType(element)
				.withMemberCategories(MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS, MemberCategory.ACCESS_PUBLIC_FIELDS))
				.as(element.getName() + " in " + where)
				.accepts(this.hints);
			for (Field field : element.getFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && field.getType() != element) {
					assertCreatableByJna(field.getType(), element.getName() + "." + field.getName());
				}
			}
		}
	}

	private static Constructor<?> noArgumentConstructor(Class<?> type) {
		try {
			return type.getConstructor();
		}
		catch (NoSuchMethodException ex) {
			throw new AssertionError(type.getName() + " has no public no-argument constructor for JNA", ex);
		}
	}

	/**
	 * Walk the bytecode from the Windows key store's classes through jna-platform's
	 * helpers to the functions of its bindings that they call and the structures they
	 * create.
	 */
	private static WindowsReach windowsReach() {
		JavaClasses classes = new ClassFileImporter().importPackages(CacheRuntimeHintsTests.class.getPackageName(),
				"com.sun.jna.platform.win32");
		Deque<JavaCodeUnit> toWalk = new ArrayDeque<>();
		toWalk.addAll(classes.get(Crypt32DataProtection.class).getCodeUnits());
		toWalk.addAll(classes.get(WindowsUser.class).getCodeUnits());
		Set<JavaCodeUnit> walked = new HashSet<>();
		WindowsReach reach = new WindowsReach(new TreeSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>(),
				new LinkedHashSet<>());
		while (!toWalk.isEmpty()) {
			JavaCodeUnit unit = toWalk.pop();
			if (!walked.add(unit)) {
				continue;
			}
			for (JavaAccess<?> access : unit.getAccessesFromSelf()) {
				JavaClass owner = access.getTargetOwner();
				if (owner.isInterface() && owner.isAssignableTo(Library.class)) {
					reach.libraries().add(owner.reflect());
					if (access instanceof JavaCall<?>) {
						reach.functions().add(owner.getName() + "." + access.getName());
						Stream.of(owner.reflect().getMethods())
							.filter((method) -> method.getName().equals(access.getName()))
							.forEach(reach.methods()::add);
					}
				}
				else if (access instanceof JavaCall<?> call && owner.getPackageName().startsWith("com.sun.jna.platform")) {
					if (call instanceof JavaConstructorCall && owner.isAssignableTo(Structure.class)) {
						reach.structures().add(owner.reflect());
					}
					call.getTarget().resolveMember().ifPresent(toWalk::add);
				}
			}
		}
		return reach;
	}

	private record WindowsReach(Set<String> functions, Set<Class<?>> libraries, Set<Method> methods,
			Set<Class<?>> structures) {

	}

	private List<Class<?>> jnaLibraries() {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(getClass().getPackageName())
			.stream()
			.filter((type) -> type.isInterface() && type.isAssignableTo(Library.class))
			.<Class<?>>map(JavaClass::reflect)
			.toList();
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		new CacheRuntimeHints().registerHints(hints, CacheRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}
