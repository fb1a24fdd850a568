#pragma once

#include "Streaming/Sample.h"

namespace paddeck
{

/** Why a file could not become a sample. */
enum class LoadError
{
    none,
    missingFile,
    unreadable,        // exists but cannot be opened (permissions)
    notAudio,          // a known audio extension whose contents do not decode
    emptyFile,         // zero bytes, or a valid header with no frames
    truncated,         // the header declares more audio data than the file holds
    unsupportedFormat, // an extension or encoding no registered format reads
    readFailed,        // the decoder failed part-way
    cancelled
};

/** How the loader builds samples. */
struct LoadOptions
{
    double engineRate = 48000.0;                         // RAM samples are converted to it
    juce::int64 streamThresholdBytes = 32 * 1024 * 1024; // decoded float data above it streams
    double primeSeconds = 1.5;                           // RAM kept after the start and the loop start
};

/** A sample, or a message the UI can show as it is. */
struct LoadResult
{
    Sample::Ptr sample;
    LoadError error = LoadError::none;
    juce::String message;

    bool wasOk() const noexcept { return sample != nullptr; }
};

} // namespace paddeck
