// PadDeck's JUCE configuration: what the Projucer would write as AppConfig.h.
// Every translation unit that includes a JUCE module sees this file first, through
// JUCE_APP_CONFIG_HEADER (set by CMakeLists.txt), so the modules and the project agree.
#pragma once

#define JUCE_GLOBAL_MODULE_SETTINGS_INCLUDED 1

#define JUCE_MODULE_AVAILABLE_juce_audio_basics 1
#define JUCE_MODULE_AVAILABLE_juce_audio_devices 1
#define JUCE_MODULE_AVAILABLE_juce_audio_formats 1
#define JUCE_MODULE_AVAILABLE_juce_audio_processors 1
#define JUCE_MODULE_AVAILABLE_juce_audio_utils 1
#define JUCE_MODULE_AVAILABLE_juce_core 1
#define JUCE_MODULE_AVAILABLE_juce_cryptography 1
#define JUCE_MODULE_AVAILABLE_juce_data_structures 1
#define JUCE_MODULE_AVAILABLE_juce_dsp 1
#define JUCE_MODULE_AVAILABLE_juce_events 1
#define JUCE_MODULE_AVAILABLE_juce_graphics 1
#define JUCE_MODULE_AVAILABLE_juce_gui_basics 1
#define JUCE_MODULE_AVAILABLE_juce_gui_extra 1
#define JUCE_MODULE_AVAILABLE_juce_osc 1

#define JUCE_STANDALONE_APPLICATION 1
#define JUCE_DISPLAY_SPLASH_SCREEN 0 // JUCE is used under the GPL
#define JUCE_USE_DARK_SPLASH_SCREEN 1
#define JUCE_REPORT_APP_USAGE 0
#define JUCE_MODAL_LOOPS_PERMITTED 1 // tests pump the message loop with runDispatchLoopUntil

// juce_core / juce_gui_extra
#define JUCE_USE_CURL 0
#define JUCE_LOAD_CURL_SYMBOLS_LAZILY 0
#define JUCE_WEB_BROWSER 0

// juce_audio_devices: JACK first, ALSA as the fallback
#define JUCE_JACK 1
#define JUCE_ALSA 1
#define JUCE_USE_ANDROID_OBOE 0
// JUCE's JACK backend opens its client under this name. PadDeck chooses it at run time ("PadDeck",
// or the client id a session manager gives it), so it is a call rather than a string literal.
const char* paddeckJackClientName() noexcept;
#define JUCE_JACK_CLIENT_NAME paddeckJackClientName()

// juce_audio_formats: Debian builds JUCE against the system libFLAC and libvorbis
#define JUCE_USE_FLAC 1
#define JUCE_USE_OGGVORBIS 1
#define JUCE_INCLUDE_FLAC_CODE 0
#define JUCE_INCLUDE_OGGVORBIS_CODE 0
// MP3 is read by libmpg123 (Streaming/Mpg123AudioFormat): JUCE's own decoder writes past its arrays
// on damaged frames, so it is not compiled at all.
#define JUCE_USE_MP3AUDIOFORMAT 0
#define JUCE_USE_LAME_AUDIO_FORMAT 0
#define JUCE_USE_WINDOWS_MEDIA_FORMAT 0

// juce_audio_processors: PadDeck hosts its own graph, no plug-ins
#define JUCE_PLUGINHOST_VST 0
#define JUCE_PLUGINHOST_VST3 0
#define JUCE_PLUGINHOST_AU 0
#define JUCE_PLUGINHOST_LADSPA 0
#define JUCE_PLUGINHOST_LV2 0
#define JUCE_PLUGINHOST_ARA 0

// juce_dsp
#define JUCE_USE_SIMD 1
#define JUCE_DSP_USE_STATIC_FFTW 0
#define JUCE_DSP_USE_SHARED_FFTW 0

#ifndef JUCE_APPLICATION_NAME_STRING
#define JUCE_APPLICATION_NAME_STRING "PadDeck"
#endif
