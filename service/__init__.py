"""znak's HTTP service: a thin FastAPI layer over model/."""
