#pragma once

#include <aubio/aubio.h>

#include <memory>

namespace paddeck
{

/** aubio's objects owned like any other: freed with aubio's own delete functions. */
template <typename Object, void (*destroy) (Object*)>
struct AubioDeleter
{
    void operator() (Object* o) const { destroy (o); }
};

using AubioVec = std::unique_ptr<fvec_t, AubioDeleter<fvec_t, del_fvec>>;
using AubioOnset = std::unique_ptr<aubio_onset_t, AubioDeleter<aubio_onset_t, del_aubio_onset>>;
using AubioTempo = std::unique_ptr<aubio_tempo_t, AubioDeleter<aubio_tempo_t, del_aubio_tempo>>;

} // namespace paddeck
