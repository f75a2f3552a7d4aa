mod file_search;
mod image;
mod panic_guard;
mod tokenizer;
mod version;
