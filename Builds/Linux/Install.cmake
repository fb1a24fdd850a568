# PadDeck's assets in the build tree, its install layout, its desktop integration and its .deb.
# Included from the top-level CMakeLists.txt.
#
#   <prefix>/bin/PadDeck
#   <prefix>/share/paddeck/{DemoBank,MidiPresets,Icon.png,paddeck.svg}  found relative to the binary
#   <prefix>/share/applications, metainfo, mime/packages, icons/hicolor, man/man1, doc/paddeck
include(GNUInstallDirs)
# `cpack` and `make install` install what is built; they do not build every target first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(PADDECK_APP_ID org.paddeck.PadDeck)
set(PADDECK_RELEASE_DATE 2026-11-26)
set(PADDECK_ASSETS ${CMAKE_SOURCE_DIR}/Assets)
set(PADDECK_DESKTOP ${PADDECK_ASSETS}/Desktop)
set(PADDECK_SHARE ${CMAKE_INSTALL_DATADIR}/paddeck)

file(GLOB PADDECK_DEMO_FILES CONFIGURE_DEPENDS ${PADDECK_ASSETS}/DemoBank/*.wav ${PADDECK_ASSETS}/DemoBank/*.paddeck)
file(GLOB PADDECK_PRESET_FILES CONFIGURE_DEPENDS ${PADDECK_ASSETS}/MidiPresets/*.json)
set(PADDECK_ICON_FILES ${PADDECK_ASSETS}/Icon.png ${PADDECK_ASSETS}/Icons/paddeck.svg)

# The build tree gets the same share/paddeck as an install, so the app and the tests built here
# find their assets the way an installed PadDeck does (Model/AppFolders).
set(PADDECK_BUILD_SHARE ${CMAKE_BINARY_DIR}/share/paddeck)
add_custom_target(PadDeckAssets ALL
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PADDECK_BUILD_SHARE}/DemoBank ${PADDECK_BUILD_SHARE}/MidiPresets
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PADDECK_DEMO_FILES} ${PADDECK_BUILD_SHARE}/DemoBank
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PADDECK_PRESET_FILES} ${PADDECK_BUILD_SHARE}/MidiPresets
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${PADDECK_ICON_FILES} ${PADDECK_BUILD_SHARE}
    COMMENT "Copying the assets to share/paddeck in the build tree"
    VERBATIM)
add_dependencies(PadDeck PadDeckAssets)

# Files that carry the version, the man page and the changelog gzipped as Debian wants them.
set(PADDECK_GENERATED ${CMAKE_BINARY_DIR}/generated)
configure_file(${PADDECK_DESKTOP}/${PADDECK_APP_ID}.metainfo.xml ${PADDECK_GENERATED}/${PADDECK_APP_ID}.metainfo.xml @ONLY)
configure_file(${PADDECK_DESKTOP}/PadDeck.1 ${PADDECK_GENERATED}/PadDeck.1 @ONLY)
configure_file(${PADDECK_DESKTOP}/changelog ${PADDECK_GENERATED}/changelog @ONLY)
find_program(GZIP_PROGRAM gzip REQUIRED)
foreach(doc PadDeck.1 changelog)
    add_custom_command(OUTPUT ${PADDECK_GENERATED}/${doc}.gz
        COMMAND ${GZIP_PROGRAM} -9nf -k ${PADDECK_GENERATED}/${doc}
        DEPENDS ${PADDECK_GENERATED}/${doc}
        VERBATIM)
    list(APPEND PADDECK_GZIPPED ${PADDECK_GENERATED}/${doc}.gz)
endforeach()
add_custom_target(PadDeckDocs ALL DEPENDS ${PADDECK_GZIPPED})

install(TARGETS PadDeck RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${PADDECK_DEMO_FILES} DESTINATION ${PADDECK_SHARE}/DemoBank)
install(FILES ${PADDECK_PRESET_FILES} DESTINATION ${PADDECK_SHARE}/MidiPresets)
install(FILES ${PADDECK_ICON_FILES} DESTINATION ${PADDECK_SHARE})

foreach(size 16 22 24 32 48 64 128 256 512)
    install(FILES ${PADDECK_ASSETS}/Icons/hicolor/${size}x${size}.png
            DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps
            RENAME ${PADDECK_APP_ID}.png)
endforeach()
install(FILES ${PADDECK_ASSETS}/Icons/paddeck.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps RENAME ${PADDECK_APP_ID}.svg)
install(FILES ${PADDECK_DESKTOP}/${PADDECK_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PADDECK_GENERATED}/${PADDECK_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PADDECK_DESKTOP}/${PADDECK_APP_ID}.mime.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/mime/packages RENAME ${PADDECK_APP_ID}.xml)
install(FILES ${PADDECK_GENERATED}/PadDeck.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PADDECK_DESKTOP}/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/paddeck)
install(FILES ${PADDECK_GENERATED}/changelog.gz DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/paddeck)

# Makes Assets/Icons/hicolor/*.png and Assets/Icon.png from the SVG (committed; rerun by hand).
add_executable(PadDeckIconRenderer EXCLUDE_FROM_ALL ${PADDECK_ASSETS}/Icons/RenderIcons.cpp)
target_link_libraries(PadDeckIconRenderer PRIVATE PadDeckCore)

# The .deb: `cpack -G DEB` in the build tree (Builds/Linux/package.sh also runs lintian).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME paddeck)
set(CPACK_PACKAGE_VENDOR "The PadDeck developers")
set(CPACK_PACKAGE_CONTACT "PadDeck maintainers <maintainers@users.noreply.b-seed-a7cd945a.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "pad looper and DJ sampler for live performance")
# CPack puts the summary first and indents these lines (an empty line becomes " .").
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "PadDeck plays samples from a grid of pads, in eight banks, fired from the
mouse, the computer keyboard or a MIDI controller. Each pad has its own pitch
(tape-style Varispeed, or KeyLock, which keeps the tempo), a 3-band DJ EQ with
kills and gain; a master fader, meters and a clip guard sit on the output.

It plays through JACK or ALSA, streams long files from disk, maps MIDI
controllers by learning or from presets, and runs in NSM sessions.")
set(CPACK_DEBIAN_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# What dpkg-shlibdeps can't see: JUCE opens the X11 libraries with dlopen(), and finds its fonts
# through fontconfig's fonts.conf (fontconfig-config brings a font with it).
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libx11-6, libxext6, libxcursor1, libxinerama1, libxrender1, libxrandr2, fontconfig-config")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "jackd2 | pipewire-jack")
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
include(CPack)
