mod file_search;
mod image;
mod panic_guard;
mod reverie;
mod tokenizer;
mod version;
