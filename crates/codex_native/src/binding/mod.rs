mod file_search;
mod image;
mod panic_guard;
#[cfg(target_os = "linux")]
mod process_spawn;
mod reverie;
mod tokenizer;
mod version;
